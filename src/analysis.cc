// Analysis: context classification of candidate hits, exemption and scoring (see analysis.h).
#include "analysis.h"

#include <algorithm>
#include <atomic>
#include <charconv>

#include "context/code_points.h"
#include "context/compounds.h"
#include "context/context_rules.h"
#include "context/licensed.h"
#include "context/name_structure.h"
#include "context/negation.h"
#include "context/word_breaks.h"
#include "score/number_text.h"
#include "score/scorer.h"

namespace regscreen {
namespace {

// Per-thread working memory for one field of the record being screened, reused across calls. It stays
// valid after classify_field() so that decide() can reuse it for the same record: `owner` and `original`
// say which Analysis filled it from which field text.
struct FieldState {
  uint64_t owner = 0;
  std::string original;    // the field's original text
  std::string normalized;  // its normalized UTF-8 (kept for the name: licensed-name patterns match it)
  context::CodePoints text;
  context::NameParse name;
  context::NegatedSpans spans;
  bool spans_ready = false;

  bool holds(uint64_t id, std::string_view field) const { return owner == id && original == field; }
  void reset(uint64_t id, std::string_view field) {
    owner = id;
    original.assign(field);
    spans.clear();
    spans_ready = false;
  }
};

// A candidate with its offsets in the original field, for ordering a field's hits.
struct PlacedCandidate {
  uint32_t start;
  uint32_t end;
  uint32_t index;  // into the field's candidates
};

struct ThreadState {
  FieldState field[kFieldCount];
  std::string scratch;  // a scope that had no candidates, normalized for the exemption check
  std::vector<PlacedCandidate> placed;
  std::vector<Candidate> ordered;
  // Hits of earlier results (recycle_hits()), reused with their strings' buffers. Bounded, so that one
  // record with a huge number of hits does not keep their memory for the thread's lifetime.
  std::vector<Hit> spare;
  static constexpr size_t kMaxSpare = 1024;
};

ThreadState& thread_state() {
  thread_local ThreadState state;
  return state;
}

std::atomic<uint64_t> next_analysis_id{1};

std::string_view original_field(const Record& r, Field f) {
  switch (f) {
    case Field::kName: return r.name;
    case Field::kScope: return r.scope;
    case Field::kWebsite: return r.website;
  }
  return {};
}

std::string_view part_phrase(NamePart p) {
  switch (p) {
    case NamePart::kRegion: return "the name's region";
    case NamePart::kTradeName: return "the name's trade name";
    case NamePart::kIndustry: return "the name's industry part";
    case NamePart::kLegalForm: return "the name's legal form";
    case NamePart::kNone: return "the name";
  }
  return "the name";
}

// Appends up to `max` code points of [begin, end) of the normalized text (UTF-8 `utf8`, code points `t`),
// with an ellipsis when cut.
void append_excerpt(std::string* out, std::string_view utf8, const context::CodePoints& t, size_t begin, size_t end,
                    size_t max = 24) {
  end = std::min(end, t.size());
  const bool cut = end - begin > max;
  const size_t last = cut ? begin + max : end;
  out->append(utf8.substr(t.byte[begin], t.byte[last] - t.byte[begin]));
  if (cut) out->append("…");
}

}  // namespace

Analysis::Analysis(const Policy& policy, const ScreenerOptions& options)
    : id_(next_analysis_id.fetch_add(1, std::memory_order_relaxed)), policy_(policy) {
  std::filesystem::path dir = policy.policy_dir;
  if (dir.empty()) dir = options.policy_dir;
  if (dir.empty()) dir = default_policy_dir();
  rules_ = context::ContextRules::load(dir / "context.toml");
  negation_ = std::make_unique<context::NegationScanner>(*rules_);
  names_ = std::make_unique<context::NameParser>(rules_->name);
  std::vector<std::u32string> terms;
  terms.reserve(policy.terms.size());
  for (const Term& t : policy.terms) terms.push_back(context::to_u32(Normalizer::instance().normalize(t.text)));
  compounds_ = std::make_unique<context::CompoundIndex>(*rules_, terms);
  if (rules_->use_word_breaks) word_breaks_ = std::make_unique<context::WordBreaks>();
  if (!options.licensed_list.empty()) {
    licensed_ = std::make_unique<context::LicensedList>(context::LicensedList::load(options.licensed_list));
  }
  scorer_ = std::make_unique<Scorer>(policy_, rules_->scoring);
  scope_has_licences_ = std::any_of(rules_->licensed.begin(), rules_->licensed.end(),
                                    [](const context::LicensedRule& r) { return !r.scope_any.empty(); });
}

Analysis::~Analysis() = default;

void Analysis::recycle_hits(std::vector<Hit>* hits) {
  std::vector<Hit>& spare = thread_state().spare;
  // The larger set stays where it is (fewer moves), unless it is over the bound: the spare vector must not
  // take over the capacity of a record with a huge number of hits.
  if (hits->size() > spare.size() && hits->size() <= ThreadState::kMaxSpare) hits->swap(spare);
  for (Hit& h : *hits) {
    if (spare.size() == ThreadState::kMaxSpare) break;
    spare.push_back(std::move(h));
  }
  hits->clear();
}

void Analysis::add_field_hits(const Record& record, Field field, const NormalizedText& text,
                              std::span<const Candidate> candidates, std::vector<Hit>* hits) const {
  ThreadState& ts = thread_state();
  ts.placed.clear();
  for (uint32_t i = 0; i < candidates.size(); ++i) {
    ts.placed.push_back({text.original_begin(candidates[i].start), text.original_end(candidates[i].end), i});
  }
  std::sort(ts.placed.begin(), ts.placed.end(), [&](const PlacedCandidate& a, const PlacedCandidate& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    return policy_.terms[candidates[a.index].term].text < policy_.terms[candidates[b.index].term].text;
  });
  const std::string_view original = original_field(record, field);
  const size_t first = hits->size();
  ts.ordered.clear();
  for (const PlacedCandidate& p : ts.placed) {
    const Candidate& c = candidates[p.index];
    ts.ordered.push_back(c);
    const Term& term = policy_.terms[c.term];
    Hit& h = ts.spare.empty() ? hits->emplace_back() : hits->emplace_back(std::move(ts.spare.back()));
    if (!ts.spare.empty()) ts.spare.pop_back();
    h.term.assign(term.text);
    h.category.assign(term.category);
    h.field = field;
    h.start = p.start;
    h.end = p.end;
    h.text.assign(original.substr(p.start, p.end - p.start));
  }
  classify_field(record, field, text, ts.ordered, hits->data() + first);
}

void Analysis::classify_field(const Record& record, Field field, const NormalizedText& text,
                              std::span<const Candidate> candidates, Hit* hits) const {
  using context::CompoundKind;
  FieldState& st = thread_state().field[static_cast<int>(field)];
  st.reset(id_, original_field(record, field));
  st.text.assign_valid(text.text);  // the normalizer writes valid UTF-8
  const bool is_name = field == Field::kName;
  if (is_name) {
    st.normalized.assign(text.text);
    names_->parse(st.text, &st.name);
  }
  size_t previous_b = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    const Term& term = policy_.terms[c.term];
    Hit& h = hits[i];
    h.reason.reserve(128);  // one allocation for the reason, however it is built
    // Candidates come in order of their start: each lookup starts where the previous one ended.
    const size_t b = st.text.index_at_byte(c.start, previous_b);
    const size_t e = st.text.index_at_byte(c.end, b);
    previous_b = b;
    bool straddles = false;
    uint8_t unit = 0;
    h.name_part = is_name ? names_->locate(st.text, st.name, b, e, &straddles, &unit) : NamePart::kNone;
    h.weight = 0;
    h.status = HitStatus::kNotTheWord;
    size_t compound_start = 0;
    const context::Compound* compound = compounds_->find(c.term, st.text, b, &compound_start);
    const CompoundKind kind = compound ? compound->kind : CompoundKind::kIncidental;
    if (compound && (kind == CompoundKind::kOtherWord || kind == CompoundKind::kProperNoun)) {
      h.reason.assign("not the word: part of ").append(compound->display).append(" (").append(compound->why).append(")");
      continue;
    }
    if (straddles) {
      h.reason.assign("not the word: straddles two parts of the name (").append(st.name.describe(st.text)).append(")");
      continue;
    }
    // A place locates a branch when it ends the branch unit's own name, right before its form (北京金融街
    // 支行, 环球金融中心支行); followed by more words it names the unit itself (某某金融中心二处营销服务部).
    if (compound && kind == CompoundKind::kPlace && is_name &&
        ((unit > 0 && compound_start + compound->text.size() == st.name.form_begin(unit)) ||
         h.name_part == NamePart::kRegion)) {
      h.reason.assign("not the word: the place name ")
          .append(compound->display)
          .append(" locates a branch (")
          .append(compound->why)
          .append(")");
      continue;
    }
    if (word_breaks_ && word_breaks_->splits(st.text, b, e)) {
      h.reason.assign("not the word: ICU word segmentation puts its characters in other words");
      continue;
    }
    if (!is_name && !st.spans_ready) {  // the clause structure, once per field and only when needed
      negation_->find(st.text, &st.spans);
      st.spans_ready = true;
    }
    if (const context::NegatedSpan* span = st.spans.governing(b)) {
      h.status = HitStatus::kNegated;
      h.reason.assign("negated: inside \"");
      append_excerpt(&h.reason, text.text, st.text, span->begin, span->end);
      h.reason.append("\" (cue ").append(rules_->cues[span->cue].display).append(")");
      continue;
    }
    h.status = HitStatus::kAffirmative;
    const bool incidental = compound && (kind == CompoundKind::kIncidental || kind == CompoundKind::kPlace);
    h.weight = scorer_->contribution(term, field, h.name_part, incidental);
    if (is_name) {
      h.reason.assign("affirmative in ").append(part_phrase(h.name_part));
    } else {
      h.reason.assign(field == Field::kScope ? "affirmative in the scope" : "affirmative in the website");
    }
    if (incidental) h.reason.append(", incidental use ").append(compound->display).append(" (").append(compound->why).append(")");
    // ": weight <w> x <factor> = <contribution>", numbers as %d and %.4g, written at once.
    char numbers[3 * kG4MaxChars + 32];
    char* p = numbers;
    const auto put = [&p](std::string_view s) { p = std::copy(s.begin(), s.end(), p); };
    put(": weight ");
    p = std::to_chars(p, p + 12, term.weight).ptr;
    put(" x ");
    p = write_g4(p, scorer_->factor(field, h.name_part, incidental));
    put(" = ");
    p = write_g4(p, h.weight);
    h.reason.append(numbers, p);
  }
}

Exemption Analysis::exemption(const Record& record) const {
  Exemption ex;
  ThreadState& ts = thread_state();
  // The normalized name: from classify_field() when the name had candidates in this record.
  FieldState& name = ts.field[static_cast<int>(Field::kName)];
  if (!name.holds(id_, record.name)) {
    name.reset(id_, record.name);
    Normalizer::instance().normalize_text(record.name, &name.normalized);  // no offsets needed here
    name.text.assign_valid(name.normalized);
    name.name.segments.clear();
  }
  if (licensed_) {
    if (const context::LicensedList::Entry* e = licensed_->find_normalized(record.credit_code, name.normalized)) {
      ex.exempt = true;
      ex.reason.assign("listed licensed institution (").append(licensed_->source()).append(":");
      ex.reason.append(std::to_string(e->line)).append(")");
      return ex;
    }
  }
  if (!policy_.presume_licensed) return ex;
  // The scope: its code points, and its spans, computed only if a licence text is found in it.
  // A scope that had no candidates is normalized here (only when some rule reads the scope). A prefilter
  // over the licence texts' spellings (match/prefilter.h) could skip that, but measured on the realistic
  // mix it saved ~0.3 µs per record with candidates at 1.5 MiB (Aho-Corasick) or 25 ms of compilation
  // (Hyperscan) per Screener: not worth it.
  FieldState& scope = ts.field[static_cast<int>(Field::kScope)];
  if (!scope.holds(id_, record.scope)) {
    scope.reset(id_, record.scope);
    if (scope_has_licences_) {
      Normalizer::instance().normalize_text(record.scope, &ts.scratch);
      scope.text.assign_valid(ts.scratch);
    } else {
      scope.text.assign({});
    }
  }
  context::ScopeForLicence scope_view{&scope.text, negation_.get(), &scope.spans, &scope.spans_ready};
  std::string evidence;
  if (const context::LicensedRule* rule = context::presume_licensed(*rules_, name.text, name.normalized, scope_view, &evidence)) {
    ex.exempt = true;
    ex.reason.assign("presumed licensed: ").append(rule->label).append(" (").append(evidence).append(")");
  }
  return ex;
}

void Analysis::decide(const Record& record, Result* result) const {
  // Exemption matters only for a record with an affirmative hit: without one the record is clear anyway,
  // licensed or not (a licensed institution whose hits are all disclaimers or lookalikes is clear).
  const bool affirmative = std::any_of(result->hits.begin(), result->hits.end(),
                                       [](const Hit& h) { return h.status == HitStatus::kAffirmative; });
  scorer_->decide(record, affirmative ? exemption(record) : Exemption{}, result);
}

}  // namespace regscreen
