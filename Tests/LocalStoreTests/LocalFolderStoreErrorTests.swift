#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LocalStore
import ObjectStore
import Testing
import UserFacing

/// The local store's errors say what they said before their texts became `LocalizedText`s.
@Suite struct LocalFolderStoreErrorTests {
    @Test("messages, hints and statuses in both languages")
    func texts() {
        let missing = LocalFolderStoreError(.notFound, key: "a/b.pdf")
        #expect(missing.userMessage == "object 'a/b.pdf' not found in the local folder")
        #expect(missing.localizedMessage(.ptBR) == "objeto 'a/b.pdf' não encontrado na pasta local")
        #expect(missing.localizedHint(.ptBR) == "confira a chave com `ls`")
        #expect(missing.exitStatus == .failure && missing.description == missing.userMessage)
        let full = LocalFolderStoreError(.io(errno: ENOSPC), path: "/d/x", operation: "write")
        #expect(full.userMessage == "write failed on '/d/x': no space left on device")
        #expect(full.localizedMessage(.ptBR) == "falha em write de '/d/x': no space left on device")
        #expect(full.localizedHint(.ptBR) == "o disco está cheio")
        let presign = LocalFolderStoreError(.cannotPresign)
        #expect(presign.exitStatus == .usage)
        #expect(presign.localizedHint(.ptBR) == "use um perfil R2/S3 (`profile use NOME`) para gerar URLs")
        #expect(LocalFolderStoreError(.invalidRange, key: "k").hint == nil)
    }
}
