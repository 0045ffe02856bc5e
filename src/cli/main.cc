// The `regscreen` command: screen registry dumps, check one record, list profiles (docs/CLI.md).
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"

#ifndef REGSCREEN_VERSION
#define REGSCREEN_VERSION "0.1.0"  // keep in step with project(VERSION) in CMakeLists.txt
#endif

namespace regscreen::cli {
namespace {

void add_common(CLI::App* cmd, CommonOptions* o, bool with_profile) {
  if (with_profile) {
    cmd->add_option("--profile,-p", o->profile, "Bundled profile id (see `regscreen profiles`) or a profile .toml file")
        ->capture_default_str();
    cmd->add_option("--licensed-list", o->licensed_list,
                    "Licensed-institution list (credit codes or exact names): their hits are exempt");
    cmd->add_option("--backend", o->backend, "Matcher: default, hyperscan or aho-corasick")
        ->check(CLI::IsMember({"default", "hyperscan", "aho-corasick"}))
        ->capture_default_str();
  }
  cmd->add_option("--policy-dir", o->policy_dir,
                  "Policy data directory (lexicon.toml, context.toml, profiles/); default $REGSCREEN_POLICY_DIR or the built-in one");
}

int run(int argc, char** argv) {
  CLI::App app{"regscreen: screens enterprise registration records (企业名称, 经营范围, 网站名称) for restricted financial\n"
               "terms and routes them to the financial regulators. A hit is a referral with evidence, not a verdict.",
               "regscreen"};
  app.set_version_flag("--version", std::string("regscreen ") + REGSCREEN_VERSION);
  app.require_subcommand(1);
  app.footer(kExitCodesHelp);

  ScreenOptions screen;
  CLI::App* s = app.add_subcommand("screen", "Screen CSV, TSV or JSONL files (or - for stdin): one output row per input record");
  s->add_option("inputs", screen.inputs, "Input files; - reads standard input")->required();
  add_common(s, &screen.common, true);
  s->add_option("--out,-o", screen.out, "Output file (- for standard output)")->capture_default_str();
  s->add_option("--format", screen.format, "Output format: jsonl (the JSONL contract) or csv (flattened)")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  s->add_option("--input-format", screen.input_format, "csv, tsv or jsonl (default: from the extension, else sniffed)")
      ->check(CLI::IsMember({"csv", "tsv", "jsonl", "ndjson"}));
  s->add_option("--encoding", screen.encoding, "utf-8 or gb18030 (also gbk, gb2312; default: detected)");
  s->add_option("--referrals-dir", screen.referrals_dir,
                "Write one CSV per regulator listing the enterprises referred to it (refer or hold)");
  s->add_option("--summary", screen.summary, "Write JSON totals: rows, decisions, categories, regulators, errors");
  s->add_option("--threads,-j", screen.threads, "Screening threads (default: all cores; 1 runs in one thread)")
      ->check(CLI::NonNegativeNumber);
  s->add_flag("--quiet,-q", screen.quiet, "No progress line and no summary on stderr");
  s->add_flag("--new-registrations", screen.new_registrations,
              "Every record is a new registration (设立/变更); otherwise a 登记类型 column decides");
  s->add_option("--id-col", screen.columns[Role::kId], "Column of the record id (default: id, else the credit code, else the row number)");
  s->add_option("--name-col", screen.columns[Role::kName], "Column of the enterprise name (default: 企业名称, name, ...)");
  s->add_option("--scope-col", screen.columns[Role::kScope], "Column of the business scope (default: 经营范围, scope, ...)");
  s->add_option("--website-col", screen.columns[Role::kWebsite], "Column of the website name (default: 网站名称, website, ...)");
  s->add_option("--credit-code-col", screen.columns[Role::kCreditCode],
                "Column of the unified social credit code (default: 统一社会信用代码, credit_code, ...)");
  s->add_option("--registration-type-col", screen.columns[Role::kRegistrationType],
                "Column telling new (设立/变更) from existing (存量) enterprises (default: 登记类型, registration_type)");
  s->add_option("--batch-size", screen.batch_size, "Records per batch")->capture_default_str();
  s->add_option("--max-record-bytes", screen.max_record_bytes,
                "A longer record or line becomes an error row (bounds memory)")
      ->capture_default_str();
  s->footer(kExitCodesHelp);

  CheckOptions check;
  CLI::App* c = app.add_subcommand("check", "Screen one record and explain the result");
  add_common(c, &check.common, true);
  c->add_option("--name", check.name, "企业名称");
  c->add_option("--scope", check.scope, "经营范围");
  c->add_option("--website", check.website, "网站名称");
  c->add_option("--credit-code", check.credit_code, "统一社会信用代码");
  c->add_flag("--new", check.new_registration, "A new registration (设立/变更) rather than an existing enterprise");
  c->add_flag("--json", check.json, "Print the JSONL contract object instead of the explanation");
  c->footer(kExitCodesHelp);

  CommonOptions profiles;
  CLI::App* p = app.add_subcommand("profiles", "List the bundled profiles with their titles");
  add_common(p, &profiles, false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  if (s->parsed()) return run_screen(screen);
  if (c->parsed()) return run_check(check);
  if (p->parsed()) return run_profiles(profiles);
  return kExitUsage;
}

}  // namespace
}  // namespace regscreen::cli

int main(int argc, char** argv) {
  try {
    return regscreen::cli::run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "regscreen: internal error: " << e.what() << "\n";
    return regscreen::cli::kExitFailure;
  }
}
