/// Reed–Solomon error correction over GF(2⁸) as QR codes use it (ISO/IEC 18004 §7.5.2, Annex A).
///
/// The field is built on the polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D) with generator α = 2, and
/// the generator polynomial of degree n has the roots α⁰ … αⁿ⁻¹, as the standard requires.
public enum ReedSolomon {
    /// αⁱ for i in 0..<255, then repeated, so products need no modulo.
    private static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        var value = 1
        for index in 0..<255 {
            table[index] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        for index in 255..<512 { table[index] = table[index - 255] }
        return table
    }()

    /// The logarithm of each non-zero field element (entry 0 is unused).
    private static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for index in 0..<255 { table[Int(exponents[index])] = index }
        return table
    }()

    /// The product of two field elements.
    public static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exponents[logarithms[Int(a)] + logarithms[Int(b)]]
    }

    /// The coefficients of the generator polynomial of a degree, highest power first, leading 1 included.
    public static func generator(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        for power in 0..<max(degree, 0) {
            // Multiply by (x − αᵖᵒʷᵉʳ); subtraction is XOR in GF(2⁸).
            var next = [UInt8](repeating: 0, count: polynomial.count + 1)
            for (index, coefficient) in polynomial.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= multiply(coefficient, exponents[power])
            }
            polynomial = next
        }
        return polynomial
    }

    /// The error correction codewords for a block of data: the remainder of data·xⁿ divided by the generator.
    public static func remainder(data: [UInt8], eccCount: Int) -> [UInt8] {
        let divisor = generator(degree: eccCount).dropFirst()
        var result = [UInt8](repeating: 0, count: eccCount)
        guard eccCount > 0 else { return result }
        for byte in data {
            let factor = byte ^ result[0]
            result.removeFirst()
            result.append(0)
            for (index, coefficient) in divisor.enumerated() {
                result[index] ^= multiply(coefficient, factor)
            }
        }
        return result
    }
}
