// Variant folds: characters that ICU leaves as a variant of a lexicon term's character, folded to the
// mainland standard form after Traditional->Simplified (see icu_folding.h for where the step sits).
//
// The list is small on purpose: only variants of characters that occur in data/lexicon.toml's terms, only
// where ICU's NFKC_Casefold and Hant-Hans do not already give the standard form, and only characters that
// mean nothing else (folding them cannot create a term out of another word).
// tests/normalizer_variants_test.cc checks that every entry is needed, that its target is a character of a
// lexicon term, and that nothing else in CJK text changed.
//
// How the list was found (Unicode 15 Unihan, /usr/share/unicode/Unihan_*.txt, and ICU 72), for every
// character of every lexicon term:
//   1. every Unihan variant of it (kTraditionalVariant, kSimplifiedVariant, kSemanticVariant,
//      kSpecializedSemanticVariant, kZVariant; and kJinmeiyoKanji/kJoyoKanji links), folded with the table;
//   2. Hans-Hant of it, folded back (round trip);
//   3. every CJK code point with the same ICU confusable skeleton (uspoof), and every CJK code point whose
//      fold has the same Hans-Hant form;
//   4. the Japanese standard (shinjitai) forms of its Traditional form, which Unihan does not link.
// Kept: the four entries below. Rejected: 罔 (kSemanticVariant of 网, but a different word: "to deceive"),
// 嗞 (interjection), 抍/拯 ("to rescue"; kSpecializedSemanticVariant of 基 in one dictionary only), and
// archaic or component forms that registry text does not use: 㓁 (网), 筦 (管), 螎 (融), 𦙶 (股), 釒 (金,
// NFKC already gives 钅), 忄 and 㣺 (心). Unihan has no kZVariant for any term character. 藉 (借), 衆 and
// 眾 (众), 産 (产) are already folded by ICU.
#pragma once

namespace regscreen {

struct VariantFold {
  char32_t from;
  char32_t to;
};

inline constexpr VariantFold kVariantFolds[] = {
    // 谘 -> 咨. ICU's Hant-Hans turns 諮 into 谘 (Unihan: 諮 kSimplifiedVariant 谘), so Traditional 諮詢 and
    // the older simplified spelling 谘询 both miss 咨询 (Baodi's screening list writes 商务咨询, 003:76).
    // Unihan: 諮 kSemanticVariant 咨; mainland text writes 咨询 (all five seed documents).
    {U'\u8C18', U'\u54A8'},
    // 権 -> 权. The Japanese standard (Jōyō) form of 權 (Unihan kJoyoKanji; kMandarin quán, kDefinition
    // "power, right, authority"); Hant-Hans does not convert Japanese forms. Terms: 股权众筹, 股权投资基金.
    {U'\u6A29', U'\u6743'},
    // 険 -> 险. The Jōyō form of 險 (kMandarin xiǎn). Term: 互联网保险.
    {U'\u967A', U'\u9669'},
    // 冨 -> 富. Unihan kJinmeiyoKanji "2010:U+5BCC": the name-use variant of 富. Term: 财富管理.
    {U'\u51A8', U'\u5BCC'},
};

}  // namespace regscreen
