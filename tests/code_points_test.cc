// CodePoints::index_at_byte with a hint (used for candidates looked up in order) must answer exactly as
// the plain binary search does, whatever the hint: before, at or after the answer, or past the end.
#include <gtest/gtest.h>

#include <string>

#include "context/code_points.h"

namespace regscreen::context {
namespace {

TEST(CodePointsIndexAtByte, HintNeverChangesTheAnswer) {
  for (const std::string& text : {std::string(), std::string("abc"), std::string("理财"),
                                 std::string("技术开发;金融信息服务(不得从事吸收公众存款)p2p😀x"),
                                 std::string(40, 'a') + "投资管理" + std::string(40, 'b')}) {
    CodePoints t;
    t.assign_valid(text);
    for (uint32_t b = 0; b <= text.size() + 1; ++b) {
      const size_t want = t.index_at_byte(b);
      for (size_t hint = 0; hint <= t.size() + 2; ++hint) {
        ASSERT_EQ(t.index_at_byte(b, hint), want) << "text \"" << text << "\" byte " << b << " hint " << hint;
      }
    }
  }
}

TEST(CodePointsIndexAtByte, FindsTheCodePointStartingAtOrAfterAByte) {
  CodePoints t;
  t.assign_valid("a理b");  // code points at bytes 0, 1, 4
  EXPECT_EQ(t.index_at_byte(0, 0), 0u);
  EXPECT_EQ(t.index_at_byte(1, 0), 1u);
  EXPECT_EQ(t.index_at_byte(2, 1), 2u);  // inside 理: the next code point
  EXPECT_EQ(t.index_at_byte(4, 2), 2u);
  EXPECT_EQ(t.index_at_byte(5, 0), 3u);  // the end
}

}  // namespace
}  // namespace regscreen::context
