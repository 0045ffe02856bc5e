#include "normalize/confusable_folds.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <stdexcept>
#include <string>

namespace regscreen {
namespace {

bool is_cjk_script(UScriptCode s) {
  return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_HANGUL ||
         s == USCRIPT_BOPOMOFO || s == USCRIPT_YI;
}

}  // namespace

bool is_confusable_kind(char32_t cp) {
  const UChar32 c = static_cast<UChar32>(cp);
  if (cp < 0x80) return false;
  const uint32_t gc = U_GET_GC_MASK(c);
  const bool letterlike_symbol = ublock_getCode(c) == UBLOCK_LETTERLIKE_SYMBOLS && (gc & U_GC_S_MASK) != 0;
  if ((gc & (U_GC_L_MASK | U_GC_N_MASK)) == 0 && !letterlike_symbol) return false;
  UErrorCode ec = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &ec);
  return U_SUCCESS(ec) && !is_cjk_script(script) && !u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

AsciiSkeletons::AsciiSkeletons() {
  UErrorCode ec = U_ZERO_ERROR;
  checker_.adoptInstead(uspoof_open(&ec));
  if (U_FAILURE(ec) || !checker_.isValid()) {
    throw std::runtime_error(std::string("ICU: confusable data (uspoof_open): ") + u_errorName(ec));
  }
}

char32_t AsciiSkeletons::of(char32_t cp) const {
  UChar in[2];
  int32_t in_len = 0;
  U16_APPEND_UNSAFE(in, in_len, static_cast<UChar32>(cp));
  UChar out[8];
  UErrorCode ec = U_ZERO_ERROR;
  // A skeleton longer than the buffer is not one character: U_BUFFER_OVERFLOW_ERROR, answer 0.
  const int32_t len = uspoof_getSkeleton(checker_.getAlias(), 0, in, in_len, out, 8, &ec);
  if (U_FAILURE(ec) || len != 1 || out[0] >= 0x80) return 0;
  const char16_t a = out[0];
  // The skeleton of ASCII I is l (I and l look alike): an upper-case letter whose skeleton is l imitates I
  // (Greek Ι, Cyrillic І) and folds the way I does, to i.
  if (a == u'l' && u_isupper(static_cast<UChar32>(cp))) return U'i';
  if (a >= u'A' && a <= u'Z') return a - u'A' + U'a';
  if ((a >= u'a' && a <= u'z') || (a >= u'0' && a <= u'9')) return a;
  return 0;
}

std::unordered_map<char32_t, char32_t> build_confusable_folds(const icu::Normalizer2& nfkc_casefold) {
  const AsciiSkeletons skeletons;
  std::unordered_map<char32_t, char32_t> folds;
  for (const auto& [lo, hi] : kConfusableQueryRanges) {
    for (char32_t cp = lo; cp <= hi; ++cp) {
      if (!is_confusable_kind(cp)) continue;
      const char32_t ascii = skeletons.of(cp);
      if (ascii == 0) continue;
      // Where NFKC_Casefold already gives ASCII (ſ -> s, Ⅰ -> i, K -> k), that fold stands.
      UErrorCode ec = U_ZERO_ERROR;
      const icu::UnicodeString n = nfkc_casefold.normalize(icu::UnicodeString(static_cast<UChar32>(cp)), ec);
      if (U_FAILURE(ec)) throw std::runtime_error(std::string("ICU: NFKC_Casefold: ") + u_errorName(ec));
      bool ascii_already = true;
      for (int32_t i = 0; i < n.length(); ++i) ascii_already = ascii_already && n.charAt(i) < 0x80;
      if (ascii_already) continue;
      folds.emplace(cp, ascii);
    }
  }
  return folds;
}

}  // namespace regscreen
