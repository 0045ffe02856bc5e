// IcuReferenceNormalizer: the normalizer's folding rule (see icu_folding.h) applied by ICU to a whole text
// at once: decode (each invalid UTF-8 byte read as U+FFFD) and fold confusable letters, NFKC_Casefold over
// the text, the compiled "Hant-Hans" Transliterator over the text, then the variant and confusable folds
// on each character and joiners removed.
//
// It is the reference the table-driven Normalizer is tested against, and the baseline of
// bench/normalizer_bench.cc. It is slow (~15 MB/s), builds no offset map, and differs from the table by
// design only where ICU looks at neighbouring characters: composition of combining sequences (e + U+0301
// -> é, Hangul jamo -> syllables) and the transliterator's phrase rules (甚麼 -> 什么). tests/
// normalizer_table_test.cc states those exclusions precisely.
//
// Construction compiles the transliterator (~35 ms). Use one instance per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <unicode/translit.h>

#include "normalize/icu_folding.h"

namespace regscreen {

class IcuReferenceNormalizer {
 public:
  // Throws std::runtime_error when ICU data is missing.
  IcuReferenceNormalizer();
  ~IcuReferenceNormalizer();

  std::string normalize(std::string_view utf8) const;

  const IcuFolding& folding() const { return folding_; }
  const icu::Transliterator& transliterator() const { return *simplify_; }

 private:
  IcuFolding folding_;
  std::unique_ptr<icu::Transliterator> simplify_;
};

}  // namespace regscreen
