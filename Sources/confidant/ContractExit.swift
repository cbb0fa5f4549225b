import ArgumentParser
import Foundation

/// A failure of `decide` or `policy-doc` that is not a request line's fault, mapped to the contracts' exit statuses.
enum ContractExit: Error, CustomStringConvertible {
    /// The arguments cannot be used (an unreadable file, an invalid policy): exit status 2.
    case unusable(String)
    /// The output could not be written.
    case output(String)

    var description: String {
        switch self {
        case .unusable(let message), .output(let message): message
        }
    }
}

extension Confidant {
    /// Runs the command like ArgumentParser's own `main`, but with the contracts' exit statuses:
    /// 2 for unusable arguments (ArgumentParser's default would be 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as ContractExit {
            FileHandle.standardError.write(Data("confidant: \(failure.description)\n".utf8))
            switch failure {
            case .unusable: Foundation.exit(2)
            case .output: Foundation.exit(1)
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
