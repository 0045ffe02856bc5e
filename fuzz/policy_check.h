// Policy files as hostile input (fuzz/policy_fuzzer.cc, tests/fuzz_regressions_test.cc): any bytes as a
// lexicon, a profile, context rules or a licensed-institution list give either a PolicyError or a valid,
// usable policy; never a crash, a hang or another exception.
//
// Input layout: byte 0, low 2 bits: which file the rest replaces (0 lexicon.toml, 1 a profile, 2
// context.toml, 3 a licensed list); bits 2..4: which bundled profile to compile (modes 0 and 2). Each mode
// has its own copy of the bundled policy directory in a per-process temporary directory, and only its one
// file is replaced. A fuzzed profile is written as user/<id>.toml, <id> taken from its `id = "..."` line,
// so that inputs derived from the bundled profiles get past the id-matches-file-name check and reach the
// deeper ones; it may extend the bundled profiles.
//
// A policy that loads must be valid: field term indices in range, sorted and unique; every term in a
// field, weighted 1..100, of a known category that is routed (or there are default regulators);
// review <= refer. It must then screen records (one made of its own terms) with results that pass
// check_result() (screener_check.h).
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <typeinfo>
#include <unistd.h>

#include "check_util.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"
#include "screener_check.h"

namespace regscreen::fuzz {

namespace policy_fuzz {

namespace fs = std::filesystem;

inline void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("fuzz harness: cannot write " + path.string());
}

// <tmp>/regscreen-fuzz-policy-<pid>/m<mode>/ : copies of the bundled policy directory, removed at exit.
inline const fs::path& work_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("regscreen-fuzz-policy-" + std::to_string(::getpid()));
    const fs::path source = default_policy_dir();
    for (int mode = 0; mode < 4; ++mode) {
      const fs::path m = d / ("m" + std::to_string(mode));
      fs::create_directories(m / "profiles");
      fs::create_directories(m / "user");
      fs::copy_file(source / "lexicon.toml", m / "lexicon.toml", fs::copy_options::overwrite_existing);
      fs::copy_file(source / "context.toml", m / "context.toml", fs::copy_options::overwrite_existing);
      for (const fs::directory_entry& e : fs::directory_iterator(source / "profiles")) {
        fs::copy_file(e.path(), m / "profiles" / e.path().filename(), fs::copy_options::overwrite_existing);
      }
    }
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("regscreen-fuzz-policy-" + std::to_string(::getpid())), ec);
    });
    return d;
  }();
  return dir;
}

// The id a profile's text declares (`id = "..."` at the start of a line), if it is a usable file name.
inline std::string declared_id(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.starts_with("id")) continue;
    line.remove_prefix(2);
    while (!line.empty() && (line.front() == ' ' || line.front() == '=')) line.remove_prefix(1);
    if (!line.starts_with('"')) continue;
    line.remove_prefix(1);
    const std::string_view id = line.substr(0, line.find('"'));
    const bool ok = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (ok) return std::string(id);
  }
  return "fuzz";
}

inline std::string check_policy_value(const Policy& p) {
  if (p.profile_id.empty()) return "empty profile id";
  if (p.thresholds.review > p.thresholds.refer) return fail("review ", p.thresholds.review, " > refer ", p.thresholds.refer);
  std::set<std::string> texts;
  std::vector<bool> in_a_field(p.terms.size(), false);
  for (int f = 0; f < kFieldCount; ++f) {
    const std::vector<int>& idx = p.field_terms[f];
    for (size_t k = 0; k < idx.size(); ++k) {
      if (idx[k] < 0 || static_cast<size_t>(idx[k]) >= p.terms.size()) return fail("field ", f, ": term index ", idx[k]);
      if (k > 0 && idx[k] <= idx[k - 1]) return fail("field ", f, ": term indices not sorted and unique");
      in_a_field[idx[k]] = true;
    }
  }
  for (size_t t = 0; t < p.terms.size(); ++t) {
    const Term& term = p.terms[t];
    if (term.text.empty()) return fail("term ", t, " is empty");
    if (!texts.insert(term.text).second) return fail("term \"", term.text, "\" twice");
    if (!in_a_field[t]) return fail("term \"", term.text, "\" applies to no field");
    if (term.weight < 1 || term.weight > 100) return fail("term \"", term.text, "\" weight ", term.weight);
    if (p.find_category(term.category) == nullptr) return fail("term \"", term.text, "\": unknown category ", term.category);
    if (p.routing.count(term.category) == 0 && p.default_regulators.empty()) {
      return fail("term \"", term.text, "\": category ", term.category, " reaches nobody");
    }
    if (p.find_term(term.text) != &term) return fail("find_term(\"", term.text, "\") does not find it");
  }
  return {};
}

// Compiles `profile` from `dir`: a PolicyError is a fine outcome; a policy must be valid and screen.
inline std::string compile_and_screen(const std::string& profile, const fs::path& dir) {
  std::optional<Screener> screener;
  try {
    screener = Screener::from_profile(profile, {.backend = Backend::kAhoCorasick, .policy_dir = dir});
  } catch (const PolicyError& e) {
    if (std::string_view(e.what()).empty()) return "PolicyError with an empty message";
    return {};
  }
  if (std::string e = check_policy_value(screener->policy()); !e.empty()) return "loaded an invalid policy: " + e;
  std::string terms;
  for (size_t t = 0; t < screener->policy().terms.size() && t < 8; ++t) terms += screener->policy().terms[t].text + "、";
  const std::string name = "某某" + terms + "有限公司";
  const std::string scope = "技术开发；" + terms + "（不得从事" + terms + "）";
  const Record records[] = {
      {.id = "a", .name = name, .scope = scope, .website = terms},
      {.id = "b", .name = "上海鸿基金属材料有限公司", .scope = "金属材料销售；投资管理（不含金融业务）", .new_registration = true},
  };
  for (const Record& rec : records) {
    const Result r = screener->screen(rec);
    if (std::string e = check_result(*screener, rec, r); !e.empty()) return "record " + std::string(rec.id) + ": " + e;
  }
  return {};
}

// A licensed-institution list through the public API: compiled into a national screener, which then
// screens a record that the list may name (by credit code or by name).
inline std::string check_licensed_list(std::string_view csv, const fs::path& dir) {
  const fs::path list = dir / "licensed.csv";
  write_file(list, csv);
  std::optional<Screener> screener;
  try {
    screener = Screener::from_profile("national", {.backend = Backend::kAhoCorasick, .licensed_list = list});
  } catch (const PolicyError& e) {
    if (std::string_view(e.what()).empty()) return "PolicyError with an empty message";
    return {};
  }
  // The first data line's first two cells, as a record's credit code and name.
  std::string_view line = csv.substr(std::min(csv.size(), csv.find('\n') + 1));
  line = line.substr(0, line.find('\n'));
  const size_t comma = line.find(',');
  const Record rec{.id = "l", .name = comma == std::string_view::npos ? line : line.substr(comma + 1),
                   .scope = "理财；支付", .credit_code = line.substr(0, comma)};
  const Result r = screener->screen(rec);
  if (std::string e = check_result(*screener, rec, r); !e.empty()) return "licensed list: " + e;
  return {};
}

}  // namespace policy_fuzz

inline std::string check_policy(std::string_view data) {
  namespace fs = std::filesystem;
  ByteReader r(data);
  const uint8_t head = r.byte();
  const int mode = head & 3;
  const std::string_view content = r.rest();
  try {
    const fs::path dir = policy_fuzz::work_dir() / ("m" + std::to_string(mode));
    if (mode == 3) return policy_fuzz::check_licensed_list(content, dir);
    const std::vector<std::string> bundled = bundled_profile_ids(dir);
    const std::string profile = bundled.empty() ? "national" : bundled[((head >> 2) & 7) % bundled.size()];
    switch (mode) {
      case 0:
        policy_fuzz::write_file(dir / "lexicon.toml", content);
        return policy_fuzz::compile_and_screen(profile, dir);
      case 1: {
        for (const fs::directory_entry& e : fs::directory_iterator(dir / "user")) fs::remove(e.path());
        const fs::path file = dir / "user" / (policy_fuzz::declared_id(content) + ".toml");
        policy_fuzz::write_file(file, content);
        return policy_fuzz::compile_and_screen(file.string(), dir);
      }
      default:
        policy_fuzz::write_file(dir / "context.toml", content);
        return policy_fuzz::compile_and_screen(profile, dir);
    }
  } catch (const std::exception& e) {
    return fail("mode ", mode, ": ", typeid(e).name(), " escaped instead of PolicyError: ", e.what());
  }
}

}  // namespace regscreen::fuzz
