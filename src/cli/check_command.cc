// `regscreen check`: screens one record and explains the result for a person, and `regscreen profiles`.
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/text_util.h"
#include "regscreen/json.h"
#include "regscreen/policy.h"

namespace regscreen::cli {
namespace {

std::string category_text(const Policy& policy, const std::string& id) {
  const Category* c = policy.find_category(id);
  return c && !c->label.empty() ? id + " (" + c->label + ")" : id;
}

void print_list(const char* title, const std::vector<std::string>& items) {
  std::cout << title;
  if (items.empty()) std::cout << " -";
  for (size_t i = 0; i < items.size(); ++i) std::cout << (i ? ", " : " ") << items[i];
  std::cout << "\n";
}

}  // namespace

int run_check(const CheckOptions& o) {
  if (o.name.empty() && o.scope.empty() && o.website.empty()) {
    std::cerr << "regscreen check: give at least one of --name, --scope, --website\n";
    return kExitUsage;
  }
  int exit_code = kExitOk;
  std::optional<Screener> screener = make_screener(o.common, &exit_code);
  if (!screener) return exit_code;
  const Record record{.id = o.credit_code,
                      .name = o.name,
                      .scope = o.scope,
                      .website = o.website,
                      .credit_code = o.credit_code,
                      .new_registration = o.new_registration};
  const Result r = screener->screen(record);
  if (o.json) {
    std::string line;
    append_json(r, o.credit_code, &line);
    std::cout << line << "\n";
    return kExitOk;
  }
  const Policy& policy = screener->policy();
  std::cout << "profile:     " << policy.profile_id << (policy.title.empty() ? "" : " - " + policy.title) << " ["
            << screener->backend_name() << "]\n";
  std::cout << "decision:    " << to_string(r.decision) << "  (score " << r.score << "/100";
  if (o.new_registration) std::cout << ", new registration";
  std::cout << ")\n";
  if (!r.explanation.empty()) std::cout << "explanation: " << valid_utf8(r.explanation) << "\n";
  std::vector<std::string> categories;
  for (const std::string& c : r.categories) categories.push_back(category_text(policy, c));
  print_list("categories: ", categories);
  print_list("regulators: ", r.regulators);
  std::cout << "hits:        " << r.hits.size() << "\n";
  for (size_t i = 0; i < r.hits.size(); ++i) {
    const Hit& h = r.hits[i];
    const std::string& text = h.field == Field::kName ? o.name : h.field == Field::kScope ? o.scope : o.website;
    std::cout << "  " << i + 1 << ". " << h.term << "  " << to_string(h.status) << "  in " << field_label(h.field)
              << " (" << to_string(h.field) << ") bytes " << h.start << "-" << h.end;
    if (h.name_part != NamePart::kNone) std::cout << ", name part " << to_string(h.name_part);
    std::cout << "\n     " << snippet(text, h.start, h.end) << "\n";
    std::cout << "     category " << category_text(policy, h.category);
    if (h.status == HitStatus::kAffirmative) std::cout << ", weight " << h.weight;
    std::cout << "\n";
    if (!h.reason.empty()) std::cout << "     why: " << valid_utf8(h.reason) << "\n";
  }
  for (const std::string& w : r.warnings) std::cout << "warning: " << valid_utf8(w) << "\n";
  return kExitOk;
}

int run_profiles(const CommonOptions& o) {
  std::vector<std::string> ids;
  try {
    ids = bundled_profile_ids(o.policy_dir);
  } catch (const std::exception& e) {
    std::cerr << "regscreen profiles: " << e.what() << "\n";
    return kExitProfile;
  }
  if (ids.empty()) {
    std::cerr << "regscreen profiles: no profiles found in "
              << (o.policy_dir.empty() ? default_policy_dir().string() : o.policy_dir) << "\n";
    return kExitProfile;
  }
  size_t width = 0;
  for (const std::string& id : ids) width = std::max(width, id.size());
  int exit_code = kExitOk;
  for (const std::string& id : ids) {
    std::cout << id << std::string(width + 2 - id.size(), ' ');
    try {
      const Policy p = load_policy(id, o.policy_dir);
      std::cout << p.title;
      if (p.extends_chain.size() > 1) std::cout << "  (extends " << p.extends_chain[1] << ")";
      std::cout << "\n";
    } catch (const PolicyError& e) {
      std::cout << "cannot load: " << e.what() << "\n";
      exit_code = kExitProfile;
    }
  }
  return exit_code;
}

}  // namespace regscreen::cli
