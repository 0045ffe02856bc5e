// make_screener(): the one place where a profile is loaded for any subcommand.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace regscreen::cli {

std::optional<Screener> make_screener(const CommonOptions& options, int* exit_code) {
  ScreenerOptions so;
  if (options.backend == "hyperscan") {
    so.backend = Backend::kHyperscan;
  } else if (options.backend == "aho-corasick") {
    so.backend = Backend::kAhoCorasick;
  } else if (options.backend != "default") {
    std::cerr << "regscreen: unknown backend \"" << options.backend << "\" (hyperscan or aho-corasick)\n";
    *exit_code = kExitUsage;
    return std::nullopt;
  }
  so.policy_dir = options.policy_dir;
  so.licensed_list = options.licensed_list;
  try {
    return Screener::from_profile(options.profile, so);
  } catch (const PolicyError& e) {
    std::cerr << "regscreen: bad profile: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "regscreen: cannot compile profile \"" << options.profile << "\": " << e.what() << "\n";
  }
  *exit_code = kExitProfile;
  return std::nullopt;
}

}  // namespace regscreen::cli
