#include "cli/record_reader.h"

#include <algorithm>
#include <filesystem>
#include <locale>

#include <boost/algorithm/string/case_conv.hpp>

#include "cli/csv_reader.h"
#include "cli/jsonl_reader.h"

namespace regscreen::cli {
namespace {

constexpr size_t kSniffBytes = 64 << 10;

InputFormat sniff_format(const std::string& path, std::string_view sample) {
  std::string ext = std::filesystem::path(path).extension().string();
  boost::algorithm::to_lower(ext, std::locale::classic());
  if (ext == ".csv") return InputFormat::kCsv;
  if (ext == ".tsv" || ext == ".tab") return InputFormat::kTsv;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return InputFormat::kJsonl;
  const size_t first = sample.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && sample[first] == '{') return InputFormat::kJsonl;
  // The header line decides between CSV and TSV.
  const std::string_view header = sample.substr(0, sample.find('\n'));
  const auto tabs = std::count(header.begin(), header.end(), '\t');
  const auto commas = std::count(header.begin(), header.end(), ',');
  return tabs > commas ? InputFormat::kTsv : InputFormat::kCsv;
}

}  // namespace

std::string_view to_string(InputFormat f) {
  switch (f) {
    case InputFormat::kCsv: return "csv";
    case InputFormat::kTsv: return "tsv";
    case InputFormat::kJsonl: return "jsonl";
  }
  return "?";
}

std::optional<InputFormat> parse_format_name(std::string_view name) {
  std::string n(name);
  boost::algorithm::to_lower(n, std::locale::classic());
  if (n == "csv") return InputFormat::kCsv;
  if (n == "tsv") return InputFormat::kTsv;
  if (n == "jsonl" || n == "ndjson") return InputFormat::kJsonl;
  return std::nullopt;
}

void fill_record(const RoleValues& values, uint64_t ordinal, bool all_new_registrations, InputRecord* rec) {
  const auto value = [&](Role r) { return values.value[static_cast<int>(r)]; };
  if (value(Role::kId)) {
    rec->id.assign(*value(Role::kId));
  } else if (value(Role::kCreditCode)) {
    rec->id.assign(*value(Role::kCreditCode));
  } else {
    rec->id = std::to_string(ordinal);
  }
  const auto copy = [&](Role r, std::string* to) {
    if (value(r)) {
      to->assign(*value(r));
    } else {
      to->clear();
    }
  };
  copy(Role::kName, &rec->name);
  copy(Role::kScope, &rec->scope);
  copy(Role::kWebsite, &rec->website);
  copy(Role::kCreditCode, &rec->credit_code);
  rec->new_registration = all_new_registrations;
  if (!all_new_registrations && value(Role::kRegistrationType)) {
    const std::string& type = *value(Role::kRegistrationType);
    const std::optional<bool> is_new = parse_registration_type(type);
    if (is_new) {
      rec->new_registration = *is_new;
    } else {
      rec->warning = "registration type \"" + type + "\" not recognised; screened as an existing enterprise";
    }
  }
}

std::unique_ptr<RecordReader> open_reader(const std::string& path, const ReaderOptions& options) {
  auto source = std::make_unique<LineSource>(path, options.max_record_bytes);
  InputInfo info;
  info.path = path;
  info.bom = source->bom();
  switch (info.bom) {
    case Bom::kUtf16Le:
    case Bom::kUtf16Be:
    case Bom::kUtf32Le:
    case Bom::kUtf32Be:
      throw InputError((path == "-" ? std::string("standard input") : path) + " is " +
                       std::string(to_string(info.bom)) +
                       ", which is not supported: convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)");
    default: break;
  }
  const std::string_view sample = source->peek(kSniffBytes);
  if (options.encoding) {
    info.encoding = *options.encoding;
  } else if (info.bom == Bom::kUtf8) {
    info.encoding = InputEncoding::kUtf8;
  } else if (info.bom == Bom::kGb18030) {
    info.encoding = InputEncoding::kGb18030;
  } else {
    info.encoding = detect_input_encoding(sample);
  }
  info.format = options.format ? *options.format : sniff_format(path, sample);
  if (info.format == InputFormat::kJsonl) {
    return std::make_unique<JsonlReader>(std::move(source), std::move(info), options);
  }
  return std::make_unique<CsvReader>(std::move(source), std::move(info), options);
}

}  // namespace regscreen::cli
