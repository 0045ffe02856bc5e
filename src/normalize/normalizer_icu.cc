#include "normalize/normalizer_icu.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <stdexcept>

#include "normalize/encoding.h"

namespace regscreen {

IcuReferenceNormalizer::IcuReferenceNormalizer() {
  UErrorCode ec = U_ZERO_ERROR;
  simplify_.reset(icu::Transliterator::createInstance(IcuFolding::kTraditionalToSimplifiedId, UTRANS_FORWARD, ec));
  if (U_FAILURE(ec) || !simplify_) {
    throw std::runtime_error(std::string("ICU: Traditional-Simplified transliterator: ") + u_errorName(ec));
  }
}

IcuReferenceNormalizer::~IcuReferenceNormalizer() = default;

std::string IcuReferenceNormalizer::normalize(std::string_view utf8) const {
  // Decode with the normalizer's own rule for invalid bytes (ICU would read a maximal invalid subpart as a
  // single U+FFFD).
  icu::UnicodeString text;
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const auto* end = p + utf8.size();
  while (p < end) {
    char32_t cp;
    const int n = decode_utf8(p, end, &cp);
    text.append(static_cast<UChar32>(folding_.pre_fold(cp)));
    p += n == 0 ? 1 : n;
  }
  UErrorCode ec = U_ZERO_ERROR;
  icu::UnicodeString folded = folding_.nfkc_casefold().normalize(text, ec);
  if (U_FAILURE(ec)) throw std::runtime_error(std::string("ICU: NFKC_Casefold: ") + u_errorName(ec));
  simplify_->transliterate(folded);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
    const char32_t c = folding_.post_fold(static_cast<char32_t>(folded.char32At(i)));
    if (!folding_.is_joiner(c)) kept.append(static_cast<UChar32>(c));
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

}  // namespace regscreen
