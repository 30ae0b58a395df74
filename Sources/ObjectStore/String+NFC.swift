extension String {
    /// This string in Unicode Normalization Form C (canonical composition).
    ///
    /// Why not Foundation: `precomposedStringWithCanonicalMapping` lives in
    /// FoundationInternationalization (ICU), which FoundationEssentials does not re-export and
    /// which would add ICU's start-up cost to every `r2s -c`. The standard library already carries
    /// a complete NFC normaliser — the one `String ==` and `hashValue` use for canonical
    /// equivalence — and exposes it as the underscored but public `_nfcCodeUnits`. Its output is
    /// tested in `KeyMappingTests` against Unicode's own examples (Hangul, singletons, ordering of
    /// combining marks, composition exclusions).
    ///
    /// Why NFC at all when `==` is already canonical: keys are compared, hashed and prefixed as
    /// UTF-8 **bytes** by S3, by SQL `LIKE` and by `hasPrefix` on `utf8`; those need one byte form.
    package var nfc: String {
        // Fast path: ASCII and anything below U+0300 (the first combining mark) is already NFC.
        // (UTF-8 lead bytes below 0xCC encode exactly the scalars below U+0300.)
        if utf8.allSatisfy({ $0 < 0xCC }) { return self }
        return String(decoding: _nfcCodeUnits, as: UTF8.self)
    }

    /// Byte-wise (UTF-8) prefix test, as S3 and SQL compare keys; `hasPrefix` would compare by
    /// canonical equivalence instead.
    package func hasBytePrefix(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }
}
