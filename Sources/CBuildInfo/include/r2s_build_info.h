// What the build stamped into the executable (scripts/package.sh writes the stamp before a
// release build). A C target because Swift has no -D with a value: the stamp is a generated
// header the one C file includes, so a new commit recompiles that file and relinks, nothing more.
#ifndef R2S_BUILD_INFO_H
#define R2S_BUILD_INFO_H

/// The git commit r2s was built from ("unknown" for a plain `swift build`).
const char *r2s_build_commit(void);

#endif
