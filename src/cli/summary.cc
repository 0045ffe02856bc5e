#include "cli/summary.h"

#include <algorithm>
#include <cstdio>

#include "cli/text_util.h"

namespace regscreen::cli {
namespace {

constexpr size_t kTopTerms = 20;
constexpr Decision kDecisions[] = {Decision::kRefer, Decision::kReview, Decision::kClear,
                                   Decision::kExempt, Decision::kHold, Decision::kError};

std::vector<std::pair<std::string, uint64_t>> top_terms(const RunStats& stats) {
  std::vector<std::pair<std::string, uint64_t>> terms(stats.terms.begin(), stats.terms.end());
  std::stable_sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (terms.size() > kTopTerms) terms.resize(kTopTerms);
  return terms;
}

}  // namespace

nlohmann::ordered_json summary_json(const RunSummary& s) {
  using json = nlohmann::ordered_json;
  json j;
  j["status"] = s.status;
  j["profile"] = {{"id", s.profile_id}, {"title", s.profile_title}};
  j["backend"] = s.backend;
  j["threads"] = s.threads;
  j["format"] = s.format;
  j["output"] = s.output;
  j["referrals_dir"] = s.referrals_dir.empty() ? json(nullptr) : json(s.referrals_dir);
  json inputs = json::array();
  for (const InputSummary& in : s.inputs) {
    inputs.push_back({{"path", in.info.path},
                      {"format", to_string(in.info.format)},
                      {"encoding", to_string(in.info.encoding)},
                      {"bom", to_string(in.info.bom)},
                      {"bytes", in.bytes},
                      {"rows_read", in.rows_read},
                      {"read_errors", in.read_errors}});
  }
  j["inputs"] = inputs;
  j["rows_read"] = s.rows_read;
  j["rows_written"] = s.stats.rows;
  j["reconciled"] = s.rows_read == s.stats.rows;
  json decisions = json::object();
  for (Decision d : kDecisions) decisions[std::string(to_string(d))] = s.stats.decision(d);
  j["decisions"] = decisions;
  j["rows_with_warnings"] = s.stats.rows_with_warnings;
  j["categories"] = s.stats.categories;
  j["regulators"] = s.stats.regulators;
  json terms = json::array();
  for (const auto& [term, n] : top_terms(s.stats)) terms.push_back({{"term", term}, {"hits", n}});
  j["top_terms"] = terms;
  j["errors_total"] = s.stats.errors_total;
  json errors = json::array();
  for (const ErrorNote& e : s.stats.errors) {
    errors.push_back({{"input", e.input}, {"line", e.line}, {"id", valid_utf8(e.id)}, {"reason", valid_utf8(e.reason)}});
  }
  j["errors"] = errors;
  json files = json::array();
  for (const ReferralFileSummary& f : s.referral_files) {
    files.push_back({{"regulator", f.regulator}, {"path", f.path}, {"rows", f.rows}});
  }
  j["referral_files"] = files;
  j["elapsed_seconds"] = s.elapsed_seconds;
  j["rows_per_second"] = s.elapsed_seconds > 0 ? static_cast<double>(s.stats.rows) / s.elapsed_seconds : 0.0;
  return j;
}

std::string human_summary(const RunSummary& s) {
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f s, %s rows/s", s.elapsed_seconds,
                with_commas(static_cast<uint64_t>(s.elapsed_seconds > 0 ? s.stats.rows / s.elapsed_seconds : 0)).c_str());
  std::string out = "regscreen: " + with_commas(s.rows_read) + " rows read, " + with_commas(s.stats.rows) +
                    " written (" + rate + "), profile " + s.profile_id + "\n ";
  for (Decision d : kDecisions) {
    out.push_back(' ');
    out.append(to_string(d));
    out.push_back(' ');
    out.append(with_commas(s.stats.decision(d)));
  }
  out += "\n";
  if (s.stats.errors_total > 0) {
    const ErrorNote& e = s.stats.errors.front();
    out += "  " + with_commas(s.stats.errors_total) + " error row(s); first: " + e.input + " line " +
           std::to_string(e.line) + ": " + valid_utf8(e.reason) + "\n";
  }
  if (!s.referral_files.empty()) {
    uint64_t rows = 0;
    for (const auto& f : s.referral_files) rows += f.rows;
    out += "  referrals: " + with_commas(rows) + " row(s) in " + std::to_string(s.referral_files.size()) +
           " file(s) in " + s.referrals_dir + "\n";
  }
  if (s.rows_read != s.stats.rows) out += "  WARNING: rows read and rows written differ\n";
  if (s.status != "ok") out += "  stopped: " + s.status + "\n";
  return out;
}

}  // namespace regscreen::cli
