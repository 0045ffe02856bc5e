// Readers of the `regscreen` command: CSV/TSV via libcsv, JSONL, encodings, and the recovery rules that keep
// one record -> one row (error rows with line numbers for what cannot be read).
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/record_reader.h"
#include "cli_test_support.h"

namespace regscreen::cli {
namespace {

using ::testing::HasSubstr;

using test::read_all;
using test::to_gb18030;

class ReaderTest : public test::FileTest {
 protected:
  ReaderTest() : FileTest("regscreen_cli_reader") {}
};

TEST_F(ReaderTest, ChineseHeaderQuotedMultiLineScopeAndEmptyFields) {
  const std::string path = write("a.csv",
                                 "id,企业名称,统一社会信用代码,经营范围\n"
                                 "a1,甲乙投资管理有限公司,91310000MA1FL0XX1X,\"投资管理，资产管理\n（依法须经批准的项目）\"\n"
                                 "a2,\"丙丁贸易有限公司, 分公司\",,\"销售\"\"五金\"\"\"\n"
                                 "a3,,,\n");
  const auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].id, "a1");
  EXPECT_EQ(recs[0].name, "甲乙投资管理有限公司");
  EXPECT_EQ(recs[0].credit_code, "91310000MA1FL0XX1X");
  EXPECT_EQ(recs[0].scope, "投资管理，资产管理\n（依法须经批准的项目）");
  EXPECT_EQ(recs[0].line, 2u);
  EXPECT_EQ(recs[0].end_line, 3u);
  EXPECT_EQ(recs[1].name, "丙丁贸易有限公司, 分公司");
  EXPECT_EQ(recs[1].scope, "销售\"五金\"");
  EXPECT_EQ(recs[1].credit_code, "");
  EXPECT_EQ(recs[1].line, 4u);
  EXPECT_EQ(recs[2].id, "a3");
  EXPECT_EQ(recs[2].name, "");
  EXPECT_EQ(recs[2].line, 5u);
  for (const auto& r : recs) EXPECT_EQ(r.error, "") << r.id;
}

TEST_F(ReaderTest, RaggedRowsBecomeErrorRowsWithLineNumbers) {
  const std::string path = write("ragged.csv",
                                 "id,name,scope\n"
                                 "r1,Alpha Ltd,software\n"
                                 "r2,Beta Ltd\n"                        // too few
                                 "r3,Gamma Ltd,trade,extra,more\n"      // too many
                                 "r4,Delta Ltd,\"multi\nline\",x\n"     // too many, over two lines
                                 "r5,Epsilon Ltd,consulting\n");
  const auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(recs[0].error, "");
  EXPECT_EQ(recs[1].id, "r2");
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_THAT(recs[1].error, HasSubstr("2 fields, expected 3"));
  EXPECT_EQ(recs[2].id, "r3");
  EXPECT_EQ(recs[2].line, 4u);
  EXPECT_THAT(recs[2].error, HasSubstr("5 fields, expected 3"));
  // Too wide over two lines, and line 6 alone is no row: one ragged record, one error row.
  EXPECT_EQ(recs[3].id, "r4");
  EXPECT_EQ(recs[3].line, 5u);
  EXPECT_THAT(recs[3].error, HasSubstr("4 fields, expected 3"));
  EXPECT_THAT(recs[3].error, HasSubstr("spans lines 5-6"));
  EXPECT_EQ(recs[4].id, "r5");
  EXPECT_EQ(recs[4].line, 7u);
  EXPECT_EQ(recs[4].scope, "consulting");
  EXPECT_EQ(recs[4].error, "");
}

TEST_F(ReaderTest, TruncatedLastLineWithOpenQuoteIsAnErrorRowNotALoss) {
  const std::string path = write("trunc.csv",
                                 "id,name,scope\n"
                                 "t1,Alpha,ok\n"
                                 "t2,Beta,\"unterminated scope that was cut off");
  const auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].error, "");
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_EQ(recs[1].id, "t2");
  EXPECT_THAT(recs[1].error, ::testing::Not(HasSubstr("read again")));  // from the fields read before the open quote
  EXPECT_THAT(recs[1].error, HasSubstr("unterminated quoted field"));
}

TEST_F(ReaderTest, QuotesOutsideRfc4180AreReadLikePythonCsv) {
  const std::string path = write("quotes.csv",
                                 "id,name,scope\n"
                                 "k1,甲公司,销售\"绿色\"食品\n"
                                 "k2,\"乙\" 公司,\"a \"\"b\"\" c\"\n"
                                 "k3, \"丙\",x\"y\"z\n");
  const auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].scope, "销售\"绿色\"食品");
  EXPECT_EQ(recs[1].name, "乙 公司");
  EXPECT_EQ(recs[1].scope, "a \"b\" c");
  EXPECT_EQ(recs[2].name, " \"丙\"");
  EXPECT_EQ(recs[2].scope, "x\"y\"z");
  for (const auto& r : recs) EXPECT_EQ(r.error, "") << r.id;
}

TEST_F(ReaderTest, StrayQuoteJoiningRowsCostsOneRowAndTheRestIsReadAgain) {
  // A naive export: a field that starts with a quote character, not meant as CSV quoting. libcsv reads a
  // quoted field up to the next quote, two lines down, which yields a record of the wrong width.
  const std::string path = write("naive.csv",
                                 "id,name,scope\n"
                                 "q1,Alpha,\"三无\"产品除外\n"
                                 "q2,Beta,software\n"
                                 "q3,Gamma,\"quoted\"\n"
                                 "q4,Delta,last\n");
  const auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[0].error, "");  // read as Python's csv module reads it
  EXPECT_EQ(recs[0].scope, "三无产品除外");
  EXPECT_EQ(recs[1].id, "q2");
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_EQ(recs[2].scope, "quoted");
  EXPECT_EQ(recs[3].id, "q4");

  const std::string joined = write("joined.csv",
                                   "id,name,scope\n"
                                   "p1,Alpha,\"opened here\n"
                                   "p2,Beta,software\n"
                                   "p3,Gamma,closed\",x\n"
                                   "p4,Delta,last\n");
  const auto rows = read_all(joined);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].id, "p1");
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_THAT(rows[0].error, HasSubstr("joined rows"));
  EXPECT_EQ(rows[1].id, "p2");
  EXPECT_EQ(rows[1].line, 3u);
  EXPECT_EQ(rows[1].error, "");
  EXPECT_EQ(rows[2].id, "p3");  // its own stray quote makes it the wrong width
  EXPECT_EQ(rows[2].line, 4u);
  EXPECT_EQ(rows[3].id, "p4");
  EXPECT_EQ(rows[3].scope, "last");
}

// Rows come back in line order, each once, when the ragged record that a stray quote made ends at a bare CR in
// the middle of a line and another row follows it on that line (found by fuzz/reader: that row came back
// before the rows read again from the lines in between, and then once more).
TEST_F(ReaderTest, RowsAfterABareCrThatEndsAJoinedRecordKeepLineOrder) {
  const std::string path = write("cr.csv",
                                 "id,name,scope\n"
                                 "r1,Alpha,ok\n"
                                 "r2,Beta,\"opened\n"
                                 "r3,Gamma,fine\n"
                                 "r4,Delta,closed\",x\rr5,Epsilon,same line\n"
                                 "r6,Zeta,last\n");
  const auto recs = read_all(path);
  std::vector<std::string> ids;
  std::vector<uint64_t> lines;
  for (const InputRecord& r : recs) {
    ids.push_back(r.id);
    lines.push_back(r.line);
    EXPECT_GE(r.end_line, r.line) << r.id;
  }
  EXPECT_THAT(ids, ::testing::ElementsAre("r1", "r2", "r3", "r4", "r5", "r6"));
  EXPECT_THAT(lines, ::testing::ElementsAre(2u, 3u, 4u, 5u, 5u, 6u));
  ASSERT_EQ(recs.size(), 6u);
  EXPECT_THAT(recs[1].error, HasSubstr("joined rows"));
  EXPECT_EQ(recs[1].end_line, 3u);
  EXPECT_EQ(recs[2].error, "");
  EXPECT_THAT(recs[3].error, HasSubstr("4 fields"));  // its own stray quote and extra field
  EXPECT_EQ(recs[4].error, "");
  EXPECT_EQ(recs[4].scope, "same line");
  EXPECT_EQ(recs[5].error, "");
}

// The same when the joined record ends at the end of a file without a final line break: the lines after its
// first one are still read again (they were lost).
TEST_F(ReaderTest, JoinedRecordEndingTheFileWithoutLineBreakIsReadAgain) {
  const std::string path = write("eof.csv",
                                 "id,name,scope\n"
                                 "e1,Alpha,\"opened\n"
                                 "e2,Beta,fine\n"
                                 "e3,Gamma,closed\",x");
  const auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].id, "e1");
  EXPECT_EQ(recs[0].line, 2u);
  EXPECT_THAT(recs[0].error, HasSubstr("joined rows"));
  EXPECT_EQ(recs[1].id, "e2");
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_EQ(recs[1].scope, "fine");
  EXPECT_EQ(recs[1].error, "");
  EXPECT_EQ(recs[2].id, "e3");
  EXPECT_EQ(recs[2].line, 4u);
  EXPECT_THAT(recs[2].error, HasSubstr("4 fields"));
}

TEST_F(ReaderTest, TruncatedMultiLineFieldIsOneErrorRow) {
  // A quoted scope with line breaks, cut off at the end of the file: its later lines are scope text, not
  // rows, so they are not read again as rows of their own.
  const std::string path = write("cut.csv",
                                 "id,name,scope\n"
                                 "c1,Alpha,ok\n"
                                 "c2,Beta,\"技术开发；\n技术服务；\n（依法须经批准的项目");
  const auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].id, "c2");
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_THAT(recs[1].error, HasSubstr("unterminated"));
}

TEST_F(ReaderTest, StrayOpeningQuoteCostsOneRowAndTheRestIsReadAgain) {
  const std::string path = write("stray.csv",
                                 "id,name,scope\n"
                                 "s1,Alpha,ok\n"
                                 "s2,Beta,\"opened and never closed\n"
                                 "s3,Gamma,fine\n"
                                 "s4,\"Delta, Ltd\",\"quoted\nacross lines\"\n"
                                 "s5,Epsilon,last\n");
  const auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_THAT(recs[1].error, HasSubstr("read again"));
  EXPECT_EQ(recs[2].id, "s3");
  EXPECT_EQ(recs[2].line, 4u);
  EXPECT_EQ(recs[3].id, "s4");
  EXPECT_EQ(recs[3].name, "Delta, Ltd");
  EXPECT_EQ(recs[3].scope, "quoted\nacross lines");
  EXPECT_EQ(recs[3].line, 5u);
  EXPECT_EQ(recs[4].id, "s5");
  EXPECT_EQ(recs[4].line, 7u);
  for (size_t i = 2; i < recs.size(); ++i) EXPECT_EQ(recs[i].error, "") << recs[i].id;
}

// "m<i>", built without `"m" + std::to_string(i)`, on which GCC 12 gives a false -Wrestrict warning.
std::string m_id(int i) {
  std::string s = "m";
  s += std::to_string(i);
  return s;
}

TEST_F(ReaderTest, RecordLongerThanTheLimitIsCutAndTheLinesAfterItAreRecovered) {
  std::string csv = "id,name,scope\nm1,Alpha,\"never closed\n";
  for (int i = 2; i <= 40; ++i) csv += m_id(i) + ",Name,scope text\n";
  ReaderOptions options;
  options.max_record_bytes = 200;
  const auto recs = read_all(write("long.csv", csv), options);
  ASSERT_EQ(recs.size(), 40u);
  EXPECT_EQ(recs[0].line, 2u);
  EXPECT_EQ(recs[0].id, "m1");
  EXPECT_THAT(recs[0].error, HasSubstr("longer than 200 bytes"));
  for (int i = 1; i < 40; ++i) {
    EXPECT_EQ(recs[i].id, m_id(i + 1));
    EXPECT_EQ(recs[i].line, static_cast<uint64_t>(i + 2));
    EXPECT_EQ(recs[i].error, "");
  }
}

TEST_F(ReaderTest, OverlongLineIsAnErrorRowAndReadingGoesOn) {
  ReaderOptions options;
  options.max_record_bytes = 100;
  const std::string path = write("overlong.csv", "id,name,scope\nx1,A," + std::string(500, 'z') + "\nx2,B,ok\n");
  const auto recs = read_all(path, options);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].line, 2u);
  EXPECT_THAT(recs[0].error, HasSubstr("longer than 100"));
  EXPECT_EQ(recs[1].id, "x2");
  EXPECT_EQ(recs[1].line, 3u);
}

TEST_F(ReaderTest, FiveMegabyteScopeIsReadWhole) {
  std::string scope;
  while (scope.size() < 5u << 20) scope += "技术开发、技术咨询、技术服务；";
  const std::string path = write("big.csv", "id,企业名称,经营范围\nb1,某某科技有限公司,\"" + scope + "\"\nb2,乙,丙\n");
  const auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].scope, scope);
  EXPECT_EQ(recs[1].line, 3u);
}

TEST_F(ReaderTest, BomCrlfAndSpacesKept) {
  const std::string path = write("bom.csv",
                                 "\xEF\xBB\xBF"
                                 "企业名称,经营范围\r\n"
                                 " 前后有空格 ,\"a\r\nb\"\r\n"
                                 "\r\n"
                                 "第二家,咨询\r\n");
  auto reader = open_reader(path, {});
  EXPECT_EQ(reader->info().bom, Bom::kUtf8);
  EXPECT_EQ(reader->info().header, (std::vector<std::string>{"企业名称", "经营范围"}));
  InputRecord r;
  ASSERT_TRUE(reader->next(&r));
  EXPECT_EQ(r.name, " 前后有空格 ");
  EXPECT_EQ(r.scope, "a\r\nb");
  EXPECT_EQ(r.id, "1");  // no id or credit code column: the record number
  ASSERT_TRUE(reader->next(&r));
  EXPECT_EQ(r.name, "第二家");
  EXPECT_EQ(r.id, "2");
  EXPECT_EQ(r.line, 5u);  // the blank line is skipped, not a record
  EXPECT_FALSE(reader->next(&r));
}

TEST_F(ReaderTest, LastLineWithoutLineBreak) {
  const auto recs = read_all(write("nolf.csv", "id,name\nn1,Alpha\nn2,Beta"));
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].name, "Beta");
  EXPECT_EQ(recs[1].error, "");
}

TEST_F(ReaderTest, TsvDetectedFromContentAndExtension) {
  const std::string body = "id\tname\tscope\nt1\tAlpha, Inc\tsoftware, hardware\n";
  for (const std::string name : {"a.tsv", "a.txt"}) {
    auto reader = open_reader(write(name, body), {});
    EXPECT_EQ(reader->info().format, InputFormat::kTsv) << name;
    InputRecord r;
    ASSERT_TRUE(reader->next(&r));
    EXPECT_EQ(r.name, "Alpha, Inc");
    EXPECT_EQ(r.scope, "software, hardware");
  }
}

TEST_F(ReaderTest, Gb18030InputIsDetectedAndDecoded) {
  const std::string utf8 =
      "id,企业名称,经营范围\n"
      "g1,上海某某投资管理有限公司,\"投资管理，资产管理，财富管理\"\n"
      "g2,北京某某网络科技有限公司,\"网络技术开发；第二类增值电信业务\"\n";
  auto reader = open_reader(write("gb.csv", to_gb18030(utf8)), {});
  EXPECT_EQ(reader->info().encoding, InputEncoding::kGb18030);
  InputRecord r;
  ASSERT_TRUE(reader->next(&r));
  EXPECT_EQ(r.name, "上海某某投资管理有限公司");
  EXPECT_EQ(r.scope, "投资管理，资产管理，财富管理");
  ASSERT_TRUE(reader->next(&r));
  EXPECT_EQ(r.id, "g2");
  EXPECT_EQ(r.name, "北京某某网络科技有限公司");
  EXPECT_FALSE(reader->next(&r));
}

TEST_F(ReaderTest, Gb18030LineThatCannotBeDecodedIsAnErrorRow) {
  std::string gb = to_gb18030("id,企业名称,经营范围\ng1,甲公司,咨询\n");
  gb += "g2,\x81" " bad,x\n";  // 0x81 must be followed by a trail byte, not a space
  gb += to_gb18030("g3,乙公司,销售\n");
  ReaderOptions options;
  options.encoding = InputEncoding::kGb18030;
  const auto recs = read_all(write("gbbad.csv", gb), options);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_THAT(recs[1].error, HasSubstr("GB18030"));
  EXPECT_EQ(recs[2].name, "乙公司");
}

TEST_F(ReaderTest, InvalidUtf8IsPassedOnForTheScreenerToReport) {
  // UTF-8 is self-synchronising: one bad byte (a field cut mid-character) spoils nothing else.
  const std::string cut = "某某投资管理有限公司\xE6\x8A";  // the last character lost its last byte
  const auto recs = read_all(write("u.csv", "id,name,scope\nu1," + cut + ",软件开发、技术咨询、技术服务\n"));
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].error, "");
  EXPECT_EQ(recs[0].name, cut);
}

TEST_F(ReaderTest, IdFallsBackToCreditCodeThenRecordNumber) {
  auto recs = read_all(write("cc.csv", "企业名称,统一社会信用代码\n甲,91110000000000001A\n"));
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].id, "91110000000000001A");
  ReaderOptions options;
  options.columns[Role::kId] = "企业名称";
  recs = read_all(write("cc2.csv", "企业名称,统一社会信用代码\n甲,91110000000000001A\n"), options);
  EXPECT_EQ(recs[0].id, "甲");
}

TEST_F(ReaderTest, ExplicitColumnsAndErrors) {
  const std::string path = write("cols.csv", "Code,Company_Name,Business Scope,Web\nc1,Alpha,trade,alpha.example\n");
  ReaderOptions options;
  options.columns[Role::kId] = "code";
  options.columns[Role::kScope] = "business scope";
  options.columns[Role::kWebsite] = "Web";
  const auto recs = read_all(path, options);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].id, "c1");
  EXPECT_EQ(recs[0].name, "Alpha");  // company_name is a default name header
  EXPECT_EQ(recs[0].scope, "trade");
  EXPECT_EQ(recs[0].website, "alpha.example");

  ReaderOptions missing;
  missing.columns[Role::kId] = "no_such";
  EXPECT_THROW(open_reader(path, missing), ColumnError);
  EXPECT_THROW(open_reader(write("none.csv", "a,b\n1,2\n"), {}), ColumnError);
  EXPECT_THROW(open_reader((dir_.path() / "absent.csv").string(), {}), InputError);
  EXPECT_THROW(open_reader(dir_.path().string(), {}), InputError);
  EXPECT_THROW(open_reader(write("u16.csv", std::string("\xFF\xFEi\0d\0", 6)), {}), InputError);
}

TEST_F(ReaderTest, RegistrationTypeColumnAndFlag) {
  const std::string path = write("reg.csv",
                                 "id,企业名称,登记类型\n"
                                 "1,甲,设立登记\n2,乙,存量\n3,丙,变更\n4,丁,unknown\n");
  auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_TRUE(recs[0].new_registration);
  EXPECT_FALSE(recs[1].new_registration);
  EXPECT_TRUE(recs[2].new_registration);
  EXPECT_FALSE(recs[3].new_registration);
  EXPECT_THAT(recs[3].warning, HasSubstr("not recognised"));
  ReaderOptions all_new;
  all_new.all_new_registrations = true;
  recs = read_all(path, all_new);
  for (const auto& r : recs) EXPECT_TRUE(r.new_registration);
}

TEST_F(ReaderTest, EmptyAndHeaderOnlyInputsHaveNoRecords) {
  EXPECT_TRUE(read_all(write("empty.csv", "")).empty());
  EXPECT_TRUE(read_all(write("header.csv", "id,name,scope\n")).empty());
}

TEST_F(ReaderTest, JsonlWithBadLinesBlankLinesAndNumbers) {
  const std::string path = write("in.jsonl",
                                 "{\"id\": 1, \"企业名称\": \"甲投资管理有限公司\", \"经营范围\": \"投资管理\"}\n"
                                 "\n"
                                 "{\"id\": \"j2\", \"name\": \"Beta\", \"scope\": null, \"credit_code\": \"9131\"}\n"
                                 "{\"id\": \"j3\", \"name\": \"broken\n"
                                 "[1, 2]\n"
                                 "{\"id\": \"j5\", \"other\": \"x\"}\n"
                                 "{\"名称\": \"丙\", \"企业名称\": \"丁公司\", \"new\": true}\n");
  const auto recs = read_all(path);
  ASSERT_EQ(recs.size(), 6u);
  EXPECT_EQ(recs[0].id, "1");
  EXPECT_EQ(recs[0].name, "甲投资管理有限公司");
  EXPECT_EQ(recs[0].line, 1u);
  EXPECT_EQ(recs[1].id, "j2");
  EXPECT_EQ(recs[1].scope, "");
  EXPECT_EQ(recs[1].credit_code, "9131");
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_EQ(recs[2].line, 4u);
  EXPECT_THAT(recs[2].error, HasSubstr("invalid JSON"));
  EXPECT_EQ(recs[3].line, 5u);
  EXPECT_THAT(recs[3].error, HasSubstr("not a JSON object"));
  EXPECT_EQ(recs[4].id, "j5");
  EXPECT_THAT(recs[4].error, HasSubstr("no name"));
  EXPECT_EQ(recs[5].name, "丁公司");  // 企业名称 ranks before 名称
  EXPECT_EQ(recs[5].id, "6");
}

TEST_F(ReaderTest, QuoteFreeFastPathAgreesWithLibcsv) {
  // Quote-free lines are split directly; everything else goes through libcsv. Both must read the same.
  const std::string csv =
      "id,企业名称,经营范围,网站名称\r\n"
      "1,甲,a,b\r\n"
      "\r\n"
      "2, 乙 ,,\n"
      "3,丙,\"x,y\",z\n"
      "4,丁,\"multi\nline\",w\n"
      "5,戊\n"
      "6,己,a,b,c\n"
      "   \n"
      "7,庚,old\rmac,x\n"
      "8,辛,\t tab ,\n"
      ",,,\n"
      "9,壬,last,line";
  const std::string path = write("paths.csv", csv);
  ReaderOptions libcsv;
  libcsv.libcsv_only = true;
  const auto fast = read_all(path);
  const auto slow = read_all(path, libcsv);
  ASSERT_EQ(fast.size(), slow.size());
  ASSERT_EQ(fast.size(), 12u);
  for (size_t i = 0; i < fast.size(); ++i) {
    EXPECT_EQ(fast[i].id, slow[i].id) << i;
    EXPECT_EQ(fast[i].name, slow[i].name) << i;
    EXPECT_EQ(fast[i].scope, slow[i].scope) << i;
    EXPECT_EQ(fast[i].website, slow[i].website) << i;
    EXPECT_EQ(fast[i].line, slow[i].line) << i;
    EXPECT_EQ(fast[i].error, slow[i].error) << i;
  }
  EXPECT_EQ(fast[1].name, " 乙 ");
  EXPECT_EQ(fast[6].line, 10u);  // the spaces-only line: one field, an error row
  // A lone CR ends a record, as libcsv reads it: "7,庚,old" and "mac,x", both too narrow, on line 11.
  EXPECT_THAT(fast[7].error, HasSubstr("3 fields"));
  EXPECT_EQ(fast[8].line, 11u);
}

TEST_F(ReaderTest, Gb18030Jsonl) {
  const std::string utf8 = "{\"id\": \"g1\", \"企业名称\": \"深圳某某支付科技有限公司\", \"经营范围\": \"互联网支付\"}\n";
  auto reader = open_reader(write("gb.jsonl", to_gb18030(utf8 + utf8)), {});
  EXPECT_EQ(reader->info().format, InputFormat::kJsonl);
  EXPECT_EQ(reader->info().encoding, InputEncoding::kGb18030);
  InputRecord r;
  ASSERT_TRUE(reader->next(&r));
  EXPECT_EQ(r.name, "深圳某某支付科技有限公司");
  EXPECT_EQ(r.scope, "互联网支付");
  EXPECT_EQ(r.error, "");
}

TEST(ColumnsTest, FoldingAndRegistrationTypes) {
  EXPECT_EQ(fold_column_name("  Company_Name "), "companyname");
  EXPECT_EQ(fold_column_name("\xEF\xBB\xBF企业名称\xE3\x80\x80"), "企业名称");
  EXPECT_EQ(parse_registration_type("设立"), true);
  EXPECT_EQ(parse_registration_type("存量企业"), false);
  EXPECT_EQ(parse_registration_type("NEW"), true);
  EXPECT_EQ(parse_registration_type(""), false);
  EXPECT_EQ(parse_registration_type("??"), std::nullopt);
}

}  // namespace
}  // namespace regscreen::cli
