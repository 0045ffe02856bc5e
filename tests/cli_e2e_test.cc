// End-to-end tests of the `regscreen` command: spawn the built binary on messy files (tests/data/cli/ and files
// made here) and check what a registry relies on: one output row per input record, in input order, error
// rows with their line numbers, a summary that reconciles, referral files, the same output whatever the
// thread count or encoding, and distinct exit codes.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/record_reader.h"
#include "cli/referrals.h"
#include "cli_test_support.h"
#include "regscreen/policy.h"

namespace regscreen::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using nlohmann::json;

using test::kBinary;
using test::quote;
using test::read_file;
using test::read_jsonl;
using test::to_gb18030;

const std::string kData = std::string(REGSCREEN_TEST_DATA_DIR) + "/cli/";

class CliTest : public test::FileTest {
 protected:
  CliTest() : FileTest("regscreen_cli_e2e") {}

  // Runs `regscreen <args>` with stdout and stderr captured; returns the exit code.
  int run(const std::string& args, const std::string& stdin_file = "") {
    const std::string cmd = quote(kBinary) + " " + args + " >" + quote(path("stdout.txt")) + " 2>" +
                            quote(path("stderr.txt")) + (stdin_file.empty() ? " </dev/null" : " <" + quote(stdin_file));
    const int status = std::system(cmd.c_str());
    out_ = read_file(path("stdout.txt"));
    err_ = read_file(path("stderr.txt"));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string out_;
  std::string err_;
};

// Every hit's offsets slice its original field text exactly.
void expect_hits_slice_original(const json& row, const InputRecord& rec) {
  for (const json& h : row["hits"]) {
    const std::string field = h["field"];
    const std::string& text = field == "name" ? rec.name : field == "scope" ? rec.scope : rec.website;
    const size_t start = h["start"], end = h["end"];
    ASSERT_LE(end, text.size()) << row.dump();
    EXPECT_EQ(text.substr(start, end - start), h["text"].get<std::string>()) << row.dump();
  }
}

TEST_F(CliTest, HarnessInvocationOneRowPerRecordErrorRowsWithLineNumbers) {
  const std::string input = kData + "registry_messy.csv";
  ASSERT_EQ(run("screen " + quote(input) + " --id-col id --format jsonl --out " + quote(path("out.jsonl")) +
                " --summary " + quote(path("summary.json"))),
            0)
      << err_;
  const auto rows = read_jsonl(path("out.jsonl"));
  const std::vector<std::string> ids = {"m001", "m002", "m003", "m004", "m005",
                                        "m006", "m007", "m008", "m009", "m010"};
  ASSERT_EQ(rows.size(), ids.size());
  const auto recs = test::read_all(input);
  ASSERT_EQ(recs.size(), ids.size());
  std::map<std::string, int> error_lines;
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["id"], ids[i]);
    for (const char* key : {"decision", "score", "categories", "regulators", "hits"}) {
      EXPECT_TRUE(rows[i].contains(key)) << key << " in " << rows[i].dump();
    }
    if (rows[i]["decision"] == "error") {
      error_lines[rows[i]["id"]] = rows[i]["line"];
      EXPECT_FALSE(rows[i]["error"].get<std::string>().empty());
    } else {
      expect_hits_slice_original(rows[i], recs[i]);
    }
  }
  EXPECT_EQ(error_lines, (std::map<std::string, int>{{"m004", 6}, {"m005", 7}, {"m010", 12}}));
  // Terms used affirmatively are found; the credit code went to the record (no error for m003's empty one).
  EXPECT_FALSE(rows[1]["hits"].empty());
  EXPECT_FALSE(rows[5]["hits"].empty());

  const json summary = json::parse(read_file(path("summary.json")));
  EXPECT_EQ(summary["rows_read"], 10);
  EXPECT_EQ(summary["rows_written"], 10);
  EXPECT_EQ(summary["reconciled"], true);
  EXPECT_EQ(summary["decisions"]["error"], 3);
  EXPECT_EQ(summary["errors_total"], 3);
  ASSERT_EQ(summary["errors"].size(), 3u);
  EXPECT_EQ(summary["errors"][0]["line"], 6);
  EXPECT_EQ(summary["errors"][2]["line"], 12);
  uint64_t decided = 0;
  for (const auto& [decision, n] : summary["decisions"].items()) decided += n.get<uint64_t>();
  EXPECT_EQ(decided, 10u);
  EXPECT_EQ(summary["profile"]["id"], "national");
  EXPECT_EQ(summary["inputs"][0]["rows_read"], 10);
  EXPECT_EQ(summary["inputs"][0]["read_errors"], 3);
  // The human summary on stderr (not a terminal: no progress line).
  EXPECT_THAT(err_, HasSubstr("10 rows read, 10 written"));
  EXPECT_THAT(err_, ::testing::Not(HasSubstr("\r")));
}

TEST_F(CliTest, SameOutputForEveryThreadCountAndBatchSize) {
  // 3,000 records (every 7th one ragged) over many small batches, so that workers finish out of order.
  std::string csv = "id,企业名称,统一社会信用代码,经营范围\n";
  const std::vector<std::string> scopes = {"投资管理；资产管理", "软件开发、技术服务", "\"餐饮服务,\n食品经营\"",
                                           "为P2P网络借贷提供信息中介服务", "不得从事吸收存款、代客理财等金融业务"};
  // Ids "x<i>", appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "x" + std::to_string(i).
  const auto id = [](int i) {
    std::string s = "x";
    s += std::to_string(i);
    return s;
  };
  for (int i = 0; i < 3000; ++i) {
    csv += id(i);
    csv += ",某某";
    csv += std::to_string(i % 13);
    csv += "科技有限公司,";
    if (i % 7 != 3) csv += "9131000" + std::to_string(1000000 + i) + ",";
    csv += scopes[i % scopes.size()] + "\n";
  }
  const std::string input = write("many.csv", csv);
  ASSERT_EQ(run("screen " + quote(input) + " --threads 1 -q --out " + quote(path("t1.jsonl"))), 0) << err_;
  ASSERT_EQ(run("screen " + quote(input) + " --threads 2 --batch-size 7 -q --out " + quote(path("t2.jsonl"))), 0)
      << err_;
  ASSERT_EQ(run("screen " + quote(input) + " --threads 4 --batch-size 1 -q --out " + quote(path("t4.jsonl"))), 0)
      << err_;
  const std::string t1 = read_file(path("t1.jsonl"));
  EXPECT_EQ(t1, read_file(path("t2.jsonl")));
  EXPECT_EQ(t1, read_file(path("t4.jsonl")));
  const auto rows = read_jsonl(path("t1.jsonl"));
  ASSERT_EQ(rows.size(), 3000u);
  for (int i = 0; i < 3000; ++i) {
    EXPECT_EQ(rows[i]["id"], id(i));
    EXPECT_EQ(rows[i]["decision"] == "error", i % 7 == 3) << rows[i].dump();
  }
}

TEST_F(CliTest, GeneratedMessyDumpsReconcileInEveryEncodingAndFormat) {
  // scripts/gen_dump.py makes the load-test dumps (docs/perf-cli.md): check that what it makes, messy CSV in
  // UTF-8 and GB18030 and JSONL, is read whole, and the same records give the same rows.
  if (std::system("python3 -c 'import sys' >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";
  const std::string gen = "python3 " + quote(std::string(REGSCREEN_SOURCE_DIR) + "/scripts/gen_dump.py") +
                          " --rows 3000 --seed 11 --messy";
  ASSERT_EQ(std::system((gen + " --out " + quote(path("u.csv"))).c_str()), 0);
  ASSERT_EQ(std::system((gen + " --encoding gb18030 --out " + quote(path("g.csv"))).c_str()), 0);
  ASSERT_EQ(std::system((gen + " --format jsonl --out " + quote(path("j.jsonl"))).c_str()), 0);
  std::string outputs[3];
  const std::string inputs[3] = {path("u.csv"), path("g.csv"), path("j.jsonl")};
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(run("screen " + quote(inputs[i]) + " -q --threads 2 --summary " + quote(path("s.json"))), 0) << err_;
    outputs[i] = out_;
    const json s = json::parse(read_file(path("s.json")));
    EXPECT_EQ(s["rows_read"], 3000) << inputs[i];
    EXPECT_EQ(s["rows_written"], 3000) << inputs[i];
    EXPECT_EQ(s["errors_total"], 0) << inputs[i];
    EXPECT_GT(s["decisions"]["refer"].get<int>(), 0) << inputs[i];
  }
  EXPECT_EQ(outputs[1], outputs[0]);  // GB18030 decodes to the same text
  EXPECT_EQ(outputs[2], outputs[0]);  // JSONL holds the same records
}

TEST_F(CliTest, BothBackendsGiveTheSameRows) {
  const std::string input = kData + "registry_messy.csv";
  ASSERT_EQ(run("screen " + quote(input) + " -q --backend aho-corasick"), 0) << err_;
  const std::string aho = out_;
  ASSERT_EQ(run("screen " + quote(input) + " -q --summary " + quote(path("s.json"))), 0) << err_;
  EXPECT_EQ(out_, aho);
  EXPECT_EQ(run("screen " + quote(input) + " -q --backend no-such-backend"), 2);
}

TEST_F(CliTest, StdinGivesTheSameRowsAsTheFile) {
  const std::string input = kData + "registry_messy.csv";
  ASSERT_EQ(run("screen " + quote(input) + " -q"), 0);
  const std::string from_file = out_;
  ASSERT_EQ(run("screen - -q", input), 0) << err_;
  EXPECT_EQ(out_, from_file);
  EXPECT_EQ(std::count(out_.begin(), out_.end(), '\n'), 10);
}

TEST_F(CliTest, Gb18030InputGivesTheSameRowsAsUtf8) {
  const std::string utf8 = read_file(kData + "registry_messy.csv");
  const std::string gb = write("messy_gb.csv", to_gb18030(utf8));
  ASSERT_NE(read_file(gb), utf8);
  ASSERT_EQ(run("screen " + quote(kData + "registry_messy.csv") + " -q"), 0);
  const std::string expected = out_;
  ASSERT_EQ(run("screen " + quote(gb) + " -q --summary " + quote(path("s.json"))), 0) << err_;
  EXPECT_EQ(out_, expected);
  EXPECT_EQ(json::parse(read_file(path("s.json")))["inputs"][0]["encoding"], "gb18030");
  // Named explicitly, and through stdin.
  ASSERT_EQ(run("screen - --encoding gbk -q", gb), 0) << err_;
  EXPECT_EQ(out_, expected);
}

TEST_F(CliTest, BomCrlfTsvAndJsonlWithABadLine) {
  ASSERT_EQ(run("screen " + quote(kData + "registry_bom_crlf.csv") + " " + quote(kData + "registry.tsv") + " " +
                quote(kData + "registry_bad_line.jsonl") + " -q --summary " + quote(path("s.json"))),
            0)
      << err_;
  std::vector<json> rows;
  std::istringstream lines(out_);
  for (std::string line; std::getline(lines, line);) rows.push_back(json::parse(line));
  ASSERT_EQ(rows.size(), 8u);
  const std::vector<std::string> ids = {"b1", "b2", "t1", "t2", "j1", "j2", "", "j4"};
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(rows[i]["id"], ids[i]) << i;
  EXPECT_EQ(rows[6]["decision"], "error");
  EXPECT_EQ(rows[6]["line"], 4);
  // With several inputs, an error row names its file.
  EXPECT_THAT(rows[6]["error"].get<std::string>(), HasSubstr("registry_bad_line.jsonl: invalid JSON"));
  // b1's scope holds a CRLF inside quotes: its hit offsets still slice the original text.
  const auto recs = test::read_all(kData + "registry_bom_crlf.csv");
  expect_hits_slice_original(rows[0], recs[0]);
  const json s = json::parse(read_file(path("s.json")));
  EXPECT_EQ(s["rows_read"], 8);
  EXPECT_EQ(s["rows_written"], 8);
  EXPECT_EQ(s["inputs"][0]["bom"], "utf-8");
  EXPECT_EQ(s["inputs"][1]["format"], "tsv");
  EXPECT_EQ(s["inputs"][2]["format"], "jsonl");
}

TEST_F(CliTest, FiveMegabyteScope) {
  std::string scope;
  while (scope.size() < 5u << 20) scope += "技术开发、技术咨询、技术服务；";
  scope += "互联网金融信息服务";
  const std::string input = write("big.csv", "id,企业名称,经营范围\nbig,某某科技有限公司,\"" + scope + "\"\nsmall,乙公司,咨询\n");
  ASSERT_EQ(run("screen " + quote(input) + " -q --out " + quote(path("o.jsonl"))), 0) << err_;
  const auto rows = read_jsonl(path("o.jsonl"));
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_FALSE(rows[0]["hits"].empty());
  EXPECT_GT(rows[0]["hits"].back()["start"].get<uint64_t>(), 5u << 20);
  EXPECT_EQ(rows[1]["id"], "small");
}

TEST_F(CliTest, CsvOutputFlattensTheContract) {
  ASSERT_EQ(run("screen " + quote(kData + "registry_messy.csv") + " --format csv -q"), 0) << err_;
  std::istringstream lines(out_);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header, "id,decision,score,categories,regulators,hits,error,line");
  // Parse it back with the CLI's own CSV reader: one record per input record, same ids, same decisions.
  const std::string csv = write("out.csv", out_);
  ReaderOptions options;
  options.columns[Role::kName] = "decision";
  options.columns[Role::kScope] = "hits";
  const std::vector<InputRecord> recs = test::read_all(csv, options);
  ASSERT_EQ(recs.size(), 10u);
  EXPECT_EQ(recs[0].id, "m001");
  EXPECT_EQ(recs[3].name, "error");
  EXPECT_EQ(recs[1].name, "refer");
  EXPECT_THAT(recs[1].scope, HasSubstr("@scope:"));
  EXPECT_THAT(recs[1].scope, HasSubstr(":affirmative"));
  EXPECT_THAT(out_, HasSubstr("\nm004,error,0,,,,\"3 fields, expected 4 (as in the header)\",6\n"));
}

TEST_F(CliTest, ReferralFilesOnePerRegulatorWithBomAndTheReferredEnterprises) {
  const std::string refdir = path("referrals");
  ASSERT_EQ(run("screen " + quote(kData + "registry_messy.csv") + " " + quote(kData + "registry.tsv") +
                " -q --out " + quote(path("o.jsonl")) + " --referrals-dir " + quote(refdir)),
            0)
      << err_;
  const Policy policy = load_policy("national");
  const std::vector<std::string> regulators = profile_regulators(policy);
  ASSERT_FALSE(regulators.empty());
  std::set<fs::path> files;
  for (const auto& entry : fs::directory_iterator(refdir)) files.insert(entry.path());
  EXPECT_EQ(files.size(), regulators.size());
  // Expected rows per regulator, from the JSONL output.
  std::map<std::string, std::vector<std::string>> expected;
  for (const json& row : read_jsonl(path("o.jsonl"))) {
    if (row["decision"] != "refer" && row["decision"] != "hold") continue;
    for (const auto& r : row["regulators"]) expected[r].push_back(row["id"]);
  }
  ASSERT_FALSE(expected.empty());
  for (const std::string& regulator : regulators) {
    const fs::path file = fs::path(refdir) / (safe_file_stem(regulator) + ".csv");
    ASSERT_TRUE(fs::exists(file)) << file;
    const std::string text = read_file(file);
    ASSERT_TRUE(text.starts_with("\xEF\xBB\xBF" "id,企业名称,统一社会信用代码")) << file;
    // Data rows start with the record id; count them (no line breaks inside these fixtures' fields).
    std::vector<std::string> ids;
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) ids.push_back(line.substr(0, line.find(',')));
    EXPECT_EQ(ids, expected[regulator]) << regulator;
  }
  // The referral row carries the hit in its context.
  bool found = false;
  for (const fs::path& f : files) found = found || read_file(f).find("【") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST_F(CliTest, ExitCodes) {
  EXPECT_EQ(run(""), 2);
  EXPECT_EQ(run("screen"), 2);
  EXPECT_EQ(run("screen x.csv --no-such-option"), 2);
  EXPECT_EQ(run("screen " + quote(kData + "registry.tsv") + " --format xml"), 2);
  EXPECT_EQ(run("screen " + quote(kData + "registry.tsv") + " --name-col 没有这一列"), 2);
  EXPECT_THAT(err_, HasSubstr("没有这一列"));
  EXPECT_EQ(run("screen - - -q"), 2);
  const std::string precious = write("precious.csv", read_file(kData + "registry.tsv"));
  EXPECT_EQ(run("screen " + quote(precious) + " --out " + quote(precious)), 2);
  EXPECT_EQ(read_file(precious), read_file(kData + "registry.tsv"));  // not truncated

  EXPECT_EQ(run("screen " + quote(path("missing.csv"))), 3);
  EXPECT_THAT(err_, HasSubstr("missing.csv"));
  EXPECT_EQ(run("screen " + quote(dir_.path().string())), 3);
  EXPECT_EQ(run("screen " + quote(write("u16.csv", std::string("\xFF\xFEi\0d\0", 6)))), 3);

  EXPECT_EQ(run("screen " + quote(kData + "registry.tsv") + " --profile " + quote(kData + "bad_profile.toml")), 4);
  EXPECT_THAT(err_, HasSubstr("bad_profile.toml:4:"));
  EXPECT_EQ(run("screen " + quote(kData + "registry.tsv") + " --profile no_such_profile"), 4);

  EXPECT_EQ(run("screen " + quote(kData + "registry.tsv") + " --out " + quote(path("no/such/dir/out.jsonl"))), 5);
  EXPECT_EQ(run("screen " + quote(kData + "registry.tsv") + " -q --out " + quote(path("o.jsonl")) + " --summary " +
                quote(path("no/such/dir/s.json"))),
            5);
  EXPECT_EQ(run("screen " + quote(kData + "registry.tsv") + " --referrals-dir " +
                quote(write("a_file", "x")) + " -q --out " + quote(path("o.jsonl"))),
            5);

  EXPECT_EQ(run("--help"), 0);
  EXPECT_THAT(out_, HasSubstr("Exit codes"));
  EXPECT_EQ(run("screen --help"), 0);
  EXPECT_THAT(out_, HasSubstr("--referrals-dir"));
  EXPECT_EQ(run("--version"), 0);
  EXPECT_THAT(out_, HasSubstr("regscreen "));
}

TEST_F(CliTest, CheckExplainsOneRecord) {
  ASSERT_EQ(run("check --name 上海某某财富管理有限公司 --scope " +
                quote("财富管理咨询；不得从事吸收存款、融资担保、代客理财等金融业务")),
            0)
      << err_;
  EXPECT_THAT(out_, HasSubstr("decision:"));
  EXPECT_THAT(out_, HasSubstr("【财富管理】"));   // the hit in its original context
  EXPECT_THAT(out_, HasSubstr("negated"));        // 理财 inside the disclaimer
  EXPECT_THAT(out_, HasSubstr("经营范围"));

  // --json prints the contract object, the same as `screen` writes for that record.
  ASSERT_EQ(run("check --json --credit-code c1 --name 上海某某财富管理有限公司 --scope 财富管理咨询"), 0);
  const json one = json::parse(out_);
  const std::string input = write("one.csv", "id,企业名称,经营范围\nc1,上海某某财富管理有限公司,财富管理咨询\n");
  ASSERT_EQ(run("screen " + quote(input) + " -q"), 0);
  EXPECT_EQ(json::parse(out_), one);

  EXPECT_EQ(run("check"), 2);
  EXPECT_EQ(run("check --name x --profile " + quote(kData + "bad_profile.toml")), 4);
}

TEST_F(CliTest, ProfilesListsTheBundledProfiles) {
  ASSERT_EQ(run("profiles"), 0) << err_;
  for (const std::string& id : bundled_profile_ids()) EXPECT_THAT(out_, HasSubstr(id));
  EXPECT_THAT(out_, HasSubstr("national"));
}

TEST_F(CliTest, NewRegistrationsFlagReachesTheScreener) {
  // Shanghai holds new registrations that would be referred (沪府办〔2016〕46号).
  const std::string input = write("new.csv", "id,企业名称,经营范围\nn1,上海某某投资管理有限公司,投资管理；资产管理\n");
  ASSERT_EQ(run("screen " + quote(input) + " --profile shanghai -q"), 0) << err_;
  const json existing = json::parse(out_);
  ASSERT_EQ(run("screen " + quote(input) + " --profile shanghai --new-registrations -q"), 0) << err_;
  const json fresh = json::parse(out_);
  EXPECT_EQ(existing["decision"], "refer");
  EXPECT_EQ(fresh["decision"], "hold");
  const std::string typed = write("typed.csv", "id,企业名称,经营范围,登记类型\nn1,上海某某投资管理有限公司,投资管理,设立\n"
                                               "n2,上海某某投资管理有限公司,投资管理,存量\n");
  ASSERT_EQ(run("screen " + quote(typed) + " --profile shanghai -q"), 0) << err_;
  EXPECT_THAT(out_, HasSubstr("\"id\":\"n1\",\"decision\":\"hold\""));
  EXPECT_THAT(out_, HasSubstr("\"id\":\"n2\",\"decision\":\"refer\""));
}

}  // namespace
}  // namespace regscreen::cli
