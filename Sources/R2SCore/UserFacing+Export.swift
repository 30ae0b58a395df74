// The shell core speaks the same user-facing vocabulary as the stores (errors, exit statuses,
// languages and texts, the secret rule, target descriptions). Re-exported so that every
// command module and plugin importing R2SCore sees it without a second import; the stores
// import the leaf target `UserFacing` alone and never the interpreter.
@_exported public import UserFacing
