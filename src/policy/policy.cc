// Policy lookups. A Policy is a plain value; these are linear scans over a few dozen entries.
#include "regscreen/policy.h"

#include <algorithm>

namespace regscreen {

const Term* Policy::find_term(std::string_view text) const {
  auto it = std::find_if(terms.begin(), terms.end(), [&](const Term& t) { return t.text == text; });
  return it == terms.end() ? nullptr : &*it;
}

const Category* Policy::find_category(std::string_view id) const {
  auto it = std::find_if(categories.begin(), categories.end(), [&](const Category& c) { return c.id == id; });
  return it == categories.end() ? nullptr : &*it;
}

}  // namespace regscreen
