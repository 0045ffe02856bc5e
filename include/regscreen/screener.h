// regscreen: screening of enterprise registration records for restricted financial terms.
//
// A Screener is compiled once from a jurisdiction's profile (policy data in TOML, see docs/POLICY.md) and
// is then immutable: every thread may call screen() on the same Screener at once, without locks. Per-call
// working memory (normalization buffers, Hyperscan scratch) is kept per thread and reused, so a call on a
// record without hits allocates nothing.
//
//   auto s = regscreen::Screener::from_profile("national");
//   regscreen::Result r = s.screen({.name = "某某金融信息服务有限公司", .scope = "金融信息服务"});
//   if (r.decision == regscreen::Decision::kRefer) { ... r.regulators ... r.hits ... }
//
// A hit is a referral with evidence, not a verdict. Its offsets are UTF-8 byte offsets into the ORIGINAL
// field text as passed in, whatever the normalizer folded (width, case, Traditional characters,
// separators inserted between the characters of a term).
//
// Loading a profile throws regscreen::PolicyError ("file:line: message") for a bad policy file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace regscreen {

class Policy;

// The text fields of a record that are screened.
enum class Field : uint8_t { kName = 0, kScope = 1, kWebsite = 2 };
inline constexpr int kFieldCount = 3;

enum class Decision : uint8_t {
  kClear,   // no affirmative hit
  kReview,  // affirmative hits, low score: a person looks
  kRefer,   // notify the regulators listed in Result::regulators
  kExempt,  // affirmative hits, but the enterprise is a (listed or presumed) licensed financial institution
  kHold,    // a new registration that would be referred, where the profile says to pause it (Shanghai)
  kError,   // the record could not be screened (only produced by callers such as the CLI)
};

enum class HitStatus : uint8_t {
  kAffirmative,  // the enterprise uses the term
  kNegated,      // inside a prohibition / exclusion / disclaimer clause (不得…, 不含…, …除外, 未经…批准…)
  kNotTheWord,   // the characters belong to other words (鸿基金属, 肯德基金城, 金融街)
};

// Which part of an enterprise name a name hit lies in (name structure: region + trade name + industry +
// legal form). kNone for hits in other fields.
enum class NamePart : uint8_t { kNone, kRegion, kTradeName, kIndustry, kLegalForm };

std::string_view to_string(Field f);
std::string_view to_string(Decision d);
std::string_view to_string(HitStatus s);
std::string_view to_string(NamePart p);

// One record. Views must stay valid for the duration of the screen() call only. Every member has a
// default initializer so that designated initializers may name only the fields at hand.
struct Record {
  std::string_view id{};           // caller's identifier, echoed in nothing but kept for error messages
  std::string_view name{};         // 企业名称
  std::string_view scope{};        // 经营范围
  std::string_view website{};      // 网站名称 (optional)
  std::string_view credit_code{};  // 统一社会信用代码 (optional; used for the licensed-institution list)
  bool new_registration = false; // a 设立/变更 application rather than an existing (存量) enterprise
};

struct Hit {
  std::string term;      // the lexicon term, as written in the lexicon
  std::string category;  // canonical category id, e.g. "asset_management"
  Field field = Field::kName;
  uint32_t start = 0;    // byte offset into the original field text
  uint32_t end = 0;      // one past the last byte
  std::string text;      // the original bytes [start, end) of the field
  HitStatus status = HitStatus::kAffirmative;
  NamePart name_part = NamePart::kNone;
  double weight = 0;     // this hit's contribution to the score (0 unless affirmative)
  std::string reason;    // one line: why this status and weight
};

struct Result {
  Decision decision = Decision::kClear;
  int score = 0;                        // 0..100
  std::vector<std::string> categories;  // of affirmative hits, sorted, unique
  std::vector<std::string> regulators;  // lead departments for those categories under the profile
  std::vector<Hit> hits;                // every occurrence of every term, in (field, start, term) order
  std::string explanation;              // one line summarising the decision (exemption reason, hold, ...)
  std::vector<std::string> warnings;    // e.g. "scope: 3 invalid UTF-8 bytes read as U+FFFD"
};

// Thrown when policy data cannot be loaded. what() is "file:line: message" (line 0 when not known).
class PolicyError : public std::runtime_error {
 public:
  PolicyError(std::string file, int line, const std::string& message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  std::string message_;
};

enum class Backend : uint8_t {
  kDefault,      // Hyperscan where built in and the CPU supports it, else Aho-Corasick
  kHyperscan,
  kAhoCorasick,
};

struct ScreenerOptions {
  Backend backend = Backend::kDefault;
  // Directory holding lexicon.toml, context.toml and profiles/. Empty: $REGSCREEN_POLICY_DIR, else the
  // directory compiled in (the source tree's data/ or the installed share/regscreen).
  std::filesystem::path policy_dir{};
  // Optional licensed-institution list (see docs/POLICY.md): records whose credit code or exact name is
  // listed are decided kExempt when they have affirmative hits.
  std::filesystem::path licensed_list{};
  // Longest field (name, scope or website) that screen() accepts, in bytes. A record with a longer field
  // makes screen() throw std::length_error naming the field, its size and this limit, before any work (the
  // CLI turns it into an error row). Screening needs about 9 bytes of per-thread working memory for each
  // byte of a field (the normalized text and its map to original offsets), so the limit bounds memory per
  // call. 0: no limit but the 4 GiB that 32-bit offsets allow.
  std::size_t max_field_bytes = std::size_t{16} << 20;
};

class Screener {
 public:
  // Compiles a Screener from a bundled profile name ("national", "shanghai", ...) or from the path of a
  // profile file (*.toml). Throws PolicyError.
  static Screener from_profile(std::string_view profile, const ScreenerOptions& options = {});

  // Screens one record. Thread-safe; const. Throws std::length_error for a field longer than
  // ScreenerOptions::max_field_bytes.
  Result screen(const Record& record) const;
  // Same, reusing *out's storage.
  void screen(const Record& record, Result* out) const;
  // Screens a batch: records[i] into out[i] for every i, reusing their storage. The results are those of
  // screen() on each record, for less work: the fast path that clears the fields without terms checks 16
  // records' fields in one pass and one Hyperscan call, about 12% faster on typical records. Throws
  // std::invalid_argument when the spans differ in size, and std::length_error ("record <i>: ...") before
  // screening anything when a record has a field longer than ScreenerOptions::max_field_bytes.
  void screen(std::span<const Record> records, std::span<Result> out) const;

  // For callers that hold text as code points of fixed width rather than UTF-8 (CPython stores a str as
  // 1, 2 or 4 bytes per code point; UCS-2 here is one code point per unit, no surrogate pairs): true when
  // a field with these code points certainly contains no term, so that screen() finds no hit in it (and it
  // is within max_field_bytes); false says nothing. A record whose name, scope and website are all
  // certainly clear gets the Result of an empty record (Decision::kClear, score 0, nothing else) and need
  // not be converted to UTF-8 and screened at all: about 95% of registry records, at a fraction of the
  // cost. Thread-safe; allocates nothing.
  bool certainly_clear(std::span<const uint8_t> latin1) const;
  bool certainly_clear(std::span<const char16_t> ucs2) const;
  bool certainly_clear(std::span<const char32_t> code_points) const;

  // The compiled policy (profile id, terms, routing, thresholds).
  const Policy& policy() const;
  // "hyperscan" or "aho-corasick".
  std::string_view backend_name() const;

  // Bundled profile ids found in the policy directory.
  static std::vector<std::string> bundled_profiles(const std::filesystem::path& policy_dir = {});

  class Impl;

 private:
  explicit Screener(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace regscreen
