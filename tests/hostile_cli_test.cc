// Hostile input files through the `regscreen` command and its readers (docs/RELIABILITY.md): a line of
// 100 MB without a newline, a field over the screener's size limit, a CSV of 10,000 columns, JSONL nested
// 100,000 deep, invalid UTF-8 and NUL bytes in a file. Each gives one output row per record (an error row
// where a record cannot be read or screened) in bounded memory, never a crash or a lost row.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/record_reader.h"
#include "cli_test_support.h"

namespace regscreen::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using nlohmann::json;

using test::kBinary;
using test::quote;
using test::read_all;

class HostileCli : public test::FileTest {
 protected:
  HostileCli() : FileTest("regscreen_hostile_cli") {}

  // Runs `regscreen screen <input> --profile national --out out.jsonl <extra>` in a child process; returns
  // the exit code and sets *peak_rss_mb to the child's peak resident memory.
  int screen(const std::string& input, const std::string& extra, long* peak_rss_mb = nullptr) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      const std::string cmd = "exec " + quote(kBinary) + " screen " + quote(input) + " --profile national --quiet --out " +
                              quote(path("out.jsonl")) + " " + extra + " 2>" + quote(path("stderr.txt")) + " </dev/null";
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    if (peak_rss_mb != nullptr) *peak_rss_mb = usage.ru_maxrss / 1024;
    rows_ = test::read_jsonl(path("out.jsonl"));
    err_ = test::read_file(path("stderr.txt"));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::vector<json> rows_;
  std::string err_;
};

// Writes `head` and then a last line of 100 MB of scope text without a newline, streamed, so that this
// process never holds the line (a child's peak RSS counts the memory it was forked with).
void write_hundred_megabyte_line(const std::string& file, const std::string& head) {
  std::ofstream out(file, std::ios::binary);
  out << head << "R9,某某公司,";
  const std::string filler = "技术开发、技术咨询、金融信息服务；";  // 51 bytes
  for (size_t written = 0; written < (100u << 20); written += filler.size()) out << filler;
}

TEST_F(HostileCli, ALineOf100MBWithoutANewlineIsOneErrorRowInBoundedMemory) {
  const std::string input = path("big.csv");
  write_hundred_megabyte_line(input, "id,企业名称,经营范围\nR1,某某理财咨询有限公司,理财咨询\nR2,某某餐饮有限公司,餐饮服务\n");
  long rss_mb = 0;
  ASSERT_EQ(screen(input, "--max-record-bytes 1048576", &rss_mb), 0) << err_;
  ASSERT_EQ(rows_.size(), 3u);
  EXPECT_EQ(rows_[0]["id"], "R1");
  EXPECT_EQ(rows_[0]["decision"], "refer");
  EXPECT_EQ(rows_[1]["decision"], "clear");
  EXPECT_EQ(rows_[2]["decision"], "error");
  EXPECT_EQ(rows_[2]["line"], 4);
  EXPECT_FALSE(rows_[2]["error"].get<std::string>().empty());
  // With records cut at 1 MiB, reading a 100 MB line must not hold it: the whole process stays below the
  // line's size (the bound leaves room for sanitizer builds).
  EXPECT_LT(rss_mb, 100) << "peak RSS " << rss_mb << " MB while reading a 100 MB line";
}

TEST_F(HostileCli, ALineOf100MBUnderTheDefaultRecordLimit) {
  // The default record limit (64 MiB) also cuts the line: an error row, and the rows before it.
  const std::string input = path("big.csv");
  write_hundred_megabyte_line(input, "id,企业名称,经营范围\nR1,某某理财咨询有限公司,理财咨询\n");
  ASSERT_EQ(screen(input, ""), 0) << err_;
  ASSERT_EQ(rows_.size(), 2u);
  EXPECT_EQ(rows_[0]["decision"], "refer");
  EXPECT_EQ(rows_[1]["decision"], "error");
  EXPECT_EQ(rows_[1]["line"], 3);
}

TEST_F(HostileCli, AFieldOverTheScreenersLimitIsAnErrorRowNamingTheLimit) {
  // 20 MB of scope: within the reader's 64 MiB record limit, over the screener's 16 MiB field limit.
  std::string scope;
  while (scope.size() < (20u << 20)) scope += "技术开发、技术咨询；";
  const std::string input = write("wide.csv", "id,企业名称,经营范围\nR1,某某公司," + scope + "\nR2,某某理财有限公司,理财\n");
  ASSERT_EQ(screen(input, "--threads 2"), 0) << err_;
  ASSERT_EQ(rows_.size(), 2u);
  EXPECT_EQ(rows_[0]["id"], "R1");
  EXPECT_EQ(rows_[0]["decision"], "error");
  EXPECT_EQ(rows_[0]["line"], 2);
  EXPECT_THAT(rows_[0]["error"].get<std::string>(), HasSubstr("max_field_bytes"));
  EXPECT_EQ(rows_[1]["decision"], "refer");
}

TEST_F(HostileCli, ACsvWith10000Columns) {
  // The name and scope columns are the last two of 10,000; every row has 10,000 fields.
  std::string header, row, short_row;
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "c" + std::to_string(c).
  for (int c = 0; c < 9998; ++c) header.append(1, 'c').append(std::to_string(c)).append(1, ',');
  header += "企业名称,经营范围\n";
  for (int c = 0; c < 9998; ++c) row.append(1, 'v').append(std::to_string(c)).append(1, ',');
  const std::string input =
      write("columns.csv", header + row + "某某理财有限公司,理财咨询\n" + row + "某某餐饮有限公司,餐饮服务\n" + "只有,三个,字段\n");
  const auto recs = read_all(input);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].name, "某某理财有限公司");
  EXPECT_EQ(recs[0].scope, "理财咨询");
  EXPECT_EQ(recs[1].scope, "餐饮服务");
  EXPECT_FALSE(recs[2].error.empty());  // 3 fields, not 10,000
  EXPECT_EQ(recs[2].line, 4u);
  ASSERT_EQ(screen(input, ""), 0) << err_;
  ASSERT_EQ(rows_.size(), 3u);
  EXPECT_EQ(rows_[0]["decision"], "refer");
  EXPECT_EQ(rows_[1]["decision"], "clear");
  EXPECT_EQ(rows_[2]["decision"], "error");
}

TEST_F(HostileCli, ARowOf10000FieldsUnderAShortHeader) {
  std::string wide = "R2,某某公司,";
  for (int c = 0; c < 10000; ++c) wide += "理财,";
  wide += "x\n";
  const std::string input = write("wide_row.csv", "id,企业名称,经营范围\nR1,某某理财有限公司,理财\n" + wide + "R3,某某公司,支付\n");
  ASSERT_EQ(screen(input, ""), 0) << err_;
  ASSERT_EQ(rows_.size(), 3u);
  EXPECT_EQ(rows_[1]["id"], "R2");
  EXPECT_EQ(rows_[1]["decision"], "error");
  EXPECT_EQ(rows_[2]["id"], "R3");
  EXPECT_EQ(rows_[2]["decision"], "refer");
}

TEST_F(HostileCli, JsonlNested100000DeepIsAnErrorRowNotAStackOverflow) {
  const std::string deep_array = std::string(100000, '[') + std::string(100000, ']');
  const std::string deep_object = "{\"企业名称\":" + std::string(100000, '[') + "1" + std::string(100000, ']') + "}";
  const std::string input = write("deep.jsonl", "{\"企业名称\":\"某某理财有限公司\",\"经营范围\":\"理财\"}\n" + deep_array + "\n" +
                                                    deep_object + "\n{\"name\":\"某某支付有限公司\"}\n");
  ASSERT_EQ(screen(input, ""), 0) << err_;
  ASSERT_EQ(rows_.size(), 4u);
  EXPECT_EQ(rows_[0]["decision"], "refer");
  EXPECT_EQ(rows_[1]["decision"], "error");
  EXPECT_EQ(rows_[1]["line"], 2);
  EXPECT_EQ(rows_[3]["decision"], "refer");
}

TEST_F(HostileCli, InvalidUtf8AndNulBytesInAFile) {
  const std::string nul(1, '\0');
  const std::string input = write("bad_bytes.csv", "id,企业名称,经营范围\nR1,某某\xC0\xAF理财有限公司,理" + nul + "财；支付\xED\xA0\x80\n" +
                                                       "R2,某某" + nul + "餐饮,餐饮服务\n");
  ASSERT_EQ(screen(input, "--encoding utf-8"), 0) << err_;
  ASSERT_EQ(rows_.size(), 2u);
  EXPECT_EQ(rows_[0]["id"], "R1");
  EXPECT_NE(rows_[0]["decision"], "error");
  bool zhifu = false;
  for (const json& h : rows_[0]["hits"]) zhifu |= h["term"] == "支付";
  EXPECT_TRUE(zhifu) << rows_[0].dump();
  EXPECT_EQ(rows_[1]["id"], "R2");
}

}  // namespace
}  // namespace regscreen::cli
