/// What `qualityd_build_info` and `--version` report.
public enum BuildInfo {
    public static let version = "0.1.0"
}
