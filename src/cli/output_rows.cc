#include "cli/output_rows.h"

#include "cli/text_util.h"
#include "regscreen/json.h"

namespace regscreen::cli {
namespace {

void append_joined(const std::vector<std::string>& items, std::string* out) {
  std::string joined;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) joined.push_back('|');
    joined.append(items[i]);
  }
  append_csv_field(joined, out);
}

}  // namespace

std::string_view output_header(OutputFormat format) {
  return format == OutputFormat::kCsv ? "id,decision,score,categories,regulators,hits,error,line\n" : "";
}

void append_result_row(OutputFormat format, const Result& result, std::string_view id, std::string* out) {
  if (format == OutputFormat::kJsonl) {
    append_json(result, id, out);
    out->push_back('\n');
    return;
  }
  append_csv_field(id, out);
  out->push_back(',');
  out->append(to_string(result.decision));
  out->push_back(',');
  out->append(std::to_string(result.score));
  out->push_back(',');
  append_joined(result.categories, out);
  out->push_back(',');
  append_joined(result.regulators, out);
  out->push_back(',');
  std::string hits;
  for (const Hit& h : result.hits) {
    if (!hits.empty()) hits.push_back('|');
    hits.append(h.term);
    hits.push_back('@');
    hits.append(to_string(h.field));
    hits.push_back(':');
    hits.append(std::to_string(h.start));
    hits.push_back('-');
    hits.append(std::to_string(h.end));
    hits.push_back(':');
    hits.append(to_string(h.status));
  }
  append_csv_field(hits, out);
  out->append(",,\n");
}

void append_error_row(OutputFormat format, std::string_view id, uint64_t line, std::string_view reason,
                      std::string* out) {
  if (format == OutputFormat::kJsonl) {
    append_error_json(id, line, reason, out);
    out->push_back('\n');
    return;
  }
  append_csv_field(id, out);
  out->append(",error,0,,,,");
  append_csv_field(reason, out);
  out->push_back(',');
  out->append(std::to_string(line));
  out->push_back('\n');
}

}  // namespace regscreen::cli
