// Analysis: context classification of candidate hits, exemption and scoring (see analysis.h).
#include "analysis.h"

#include <algorithm>
#include <cstdio>

#include "context/code_points.h"
#include "context/compounds.h"
#include "context/context_rules.h"
#include "context/licensed.h"
#include "context/name_structure.h"
#include "context/negation.h"
#include "context/word_breaks.h"
#include "score/scorer.h"

namespace regscreen {
namespace {

// Per-thread working memory, reused across calls.
struct FieldState {
  context::CodePoints text;
  context::NameParse name;
  std::vector<context::NegatedSpan> spans;
};

FieldState& field_state() {
  thread_local FieldState state;
  return state;
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

std::string format_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

// Up to `max` code points of [begin, end), with an ellipsis when cut.
std::string excerpt(const context::CodePoints& t, size_t begin, size_t end, size_t max = 24) {
  end = std::min(end, t.size());
  const bool cut = end - begin > max;
  std::string s = context::to_utf8(std::u32string_view(t.cps).substr(begin, cut ? max : end - begin));
  if (cut) s += "…";
  return s;
}

}  // namespace

Analysis::Analysis(const Policy& policy, const ScreenerOptions& options) : policy_(policy) {
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
}

Analysis::~Analysis() = default;

void Analysis::classify_field(const Record&, Field field, const NormalizedText& text,
                              std::span<const Candidate> candidates, Hit* hits) const {
  using context::CompoundKind;
  FieldState& st = field_state();
  st.text.assign(text.text);
  const bool is_name = field == Field::kName;
  st.spans.clear();
  if (is_name) {
    names_->parse(st.text, &st.name);
  } else {
    negation_->find(st.text, &st.spans);
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    const Term& term = policy_.terms[c.term];
    Hit& h = hits[i];
    const size_t b = st.text.index_at_byte(c.start);
    const size_t e = st.text.index_at_byte(c.end);
    bool straddles = false;
    uint8_t unit = 0;
    h.name_part = is_name ? names_->locate(st.text, st.name, b, e, &straddles, &unit) : NamePart::kNone;
    h.weight = 0;
    h.status = HitStatus::kNotTheWord;
    const context::Compound* compound = compounds_->find(c.term, st.text, b);
    const CompoundKind kind = compound ? compound->kind : CompoundKind::kIncidental;
    if (compound && (kind == CompoundKind::kOtherWord || kind == CompoundKind::kProperNoun)) {
      h.reason = "not the word: part of " + compound->display + " (" + compound->why + ")";
      continue;
    }
    if (straddles) {
      h.reason = "not the word: straddles two parts of the name (" + st.name.describe(st.text) + ")";
      continue;
    }
    if (compound && kind == CompoundKind::kPlace && is_name && (unit > 0 || h.name_part == NamePart::kRegion)) {
      h.reason = "not the word: the place name " + compound->display + " locates a branch (" + compound->why + ")";
      continue;
    }
    if (word_breaks_ && word_breaks_->splits(st.text, b, e)) {
      h.reason = "not the word: ICU word segmentation puts its characters in other words";
      continue;
    }
    if (const context::NegatedSpan* span = context::NegationScanner::governing(st.spans, b)) {
      h.status = HitStatus::kNegated;
      h.reason = "negated: inside \"" + excerpt(st.text, span->begin, span->end) + "\" (cue " +
                 rules_->cues[span->cue].display + ")";
      continue;
    }
    h.status = HitStatus::kAffirmative;
    const bool incidental = compound && (kind == CompoundKind::kIncidental || kind == CompoundKind::kPlace);
    h.weight = scorer_->contribution(term, field, h.name_part, incidental);
    std::string where = is_name ? std::string(part_phrase(h.name_part)) : "the " + std::string(to_string(field));
    h.reason = "affirmative in " + where;
    if (incidental) h.reason += ", incidental use " + compound->display + " (" + compound->why + ")";
    h.reason += ": weight " + std::to_string(term.weight) + " x " +
                format_number(scorer_->factor(field, h.name_part, incidental)) + " = " + format_number(h.weight);
  }
}

Exemption Analysis::exemption(const Record& record) const {
  Exemption ex;
  if (licensed_) {
    if (const context::LicensedList::Entry* e = licensed_->find(record.credit_code, record.name)) {
      ex.exempt = true;
      ex.reason = "listed licensed institution (" + licensed_->source() + ":" + std::to_string(e->line) + ")";
      return ex;
    }
  }
  if (!policy_.presume_licensed) return ex;
  FieldState& st = field_state();
  st.text.assign(Normalizer::instance().normalize(record.scope));
  st.spans.clear();
  negation_->find(st.text, &st.spans);
  std::string evidence;
  const std::string name = Normalizer::instance().normalize(record.name);
  if (const context::LicensedRule* rule = context::presume_licensed(*rules_, name, st.text, st.spans, &evidence)) {
    ex.exempt = true;
    ex.reason = "presumed licensed: " + rule->label + " (" + evidence + ")";
  }
  return ex;
}

void Analysis::decide(const Record& record, Result* result) const {
  const Exemption ex = result->hits.empty() ? Exemption{} : exemption(record);
  scorer_->decide(record, ex, result);
}

}  // namespace regscreen
