/// The r2s version string: shown by the shell (`version`, banner, help) and written by the stores
/// (the lease holder's program, the PostgREST client's User-Agent), so it lives in the leaf target.
public enum R2SVersion {
    public static let current = "0.1.0"
}
