#include "context/compounds.h"

#include <algorithm>

namespace regscreen::context {

CompoundIndex::CompoundIndex(const ContextRules& rules, const std::vector<std::u32string>& terms)
    : rules_(rules), by_term_(terms.size()), probes_(terms.size()) {
  for (uint32_t t = 0; t < terms.size(); ++t) {
    if (terms[t].empty()) continue;
    probes_[t].term_length = static_cast<uint32_t>(terms[t].size());
    for (uint32_t c = 0; c < rules.compounds.size(); ++c) {
      const std::u32string& text = rules.compounds[c].text;
      if (text.size() <= terms[t].size()) continue;  // a compound is more than the term itself
      for (size_t at = text.find(terms[t]); at != std::u32string::npos; at = text.find(terms[t], at + 1)) {
        const size_t probe = at > 0 ? at - 1 : at + terms[t].size();
        by_term_[t].push_back({c, static_cast<uint32_t>(at), static_cast<uint32_t>(probe), text[probe]});
        set(at > 0 ? probes_[t].before : probes_[t].after, text[probe]);
      }
    }
    // Strongest kind first, then longest, so that find() can return the first that applies.
    std::stable_sort(by_term_[t].begin(), by_term_[t].end(), [&](const Entry& a, const Entry& b) {
      const Compound& x = rules.compounds[a.compound];
      const Compound& y = rules.compounds[b.compound];
      if (x.kind != y.kind) return x.kind < y.kind;
      return x.text.size() > y.text.size();
    });
  }
}

const Compound* CompoundIndex::find(uint32_t term, const CodePoints& text, size_t begin, size_t* start_out) const {
  if (term >= by_term_.size()) return nullptr;
  const Probes& p = probes_[term];
  const bool maybe_before = begin > 0 && begin <= text.size() && test(p.before, text.cps[begin - 1]);
  const bool maybe_after = begin + p.term_length < text.size() && test(p.after, text.cps[begin + p.term_length]);
  if (!maybe_before && !maybe_after) return nullptr;
  for (const Entry& e : by_term_[term]) {
    if (begin < e.offset) continue;
    const size_t start = begin - e.offset;
    if (start + e.probe >= text.size() || text.cps[start + e.probe] != e.probe_char) continue;
    const Compound& c = rules_.compounds[e.compound];
    if (text.has_at(start, c.text)) {
      if (start_out) *start_out = start;
      return &c;
    }
  }
  return nullptr;
}

}  // namespace regscreen::context
