namespace EigenVerify.Cli

/// Bad input: a one-line message for the user, exit code 2.
exception UserError of string
