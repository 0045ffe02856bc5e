// Exit codes of the `regscreen` command (listed in `regscreen --help` and docs/CLI.md).
#pragma once

namespace regscreen::cli {

enum ExitCode : int {
  kExitOk = 0,          // done; error rows in the output do not change this
  kExitFailure = 1,     // an unexpected internal error
  kExitUsage = 2,       // bad command line: unknown option, bad value, a named column missing
  kExitInput = 3,       // an input cannot be opened or read (missing, a directory, I/O error, UTF-16)
  kExitProfile = 4,     // the profile cannot be loaded (PolicyError "file:line: message") or compiled
  kExitOutput = 5,      // an output (--out, --referrals-dir, --summary) cannot be created or written
};

inline constexpr const char* kExitCodesHelp =
    "Exit codes: 0 done (error rows included), 1 internal error, 2 usage error, 3 unreadable input,\n"
    "            4 bad profile, 5 output not writable.";

}  // namespace regscreen::cli
