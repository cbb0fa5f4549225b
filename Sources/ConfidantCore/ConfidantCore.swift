/// The version of the Confidant domain rules this build carries.
public enum ConfidantCoreInfo {
    public static let version = "0.1.0"
}
