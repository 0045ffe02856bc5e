// The C ABI over regscreen::LiveScreener (include/regscreen/regscreen_c.h).
//
// Every entry point is noexcept in effect: C++ exceptions are caught here and turned into status codes and
// malloc'ed messages, because unwinding through a C, JNI or cgo frame is undefined behaviour.
#include "regscreen/regscreen_c.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "regscreen/json.h"
#include "regscreen/live_screener.h"
#include "regscreen/policy.h"
#include "regscreen/screener.h"

#ifndef REGSCREEN_VERSION
#error "REGSCREEN_VERSION must be defined by the build"
#endif

struct regscreen_options {
  regscreen::ScreenerOptions options;
};

struct regscreen_screener {
  explicit regscreen_screener(regscreen::Screener initial) : live(std::move(initial)) {}
  regscreen::LiveScreener live;
};

struct regscreen_result {
  regscreen::Result result;
  std::string id;     // the record's id, for the JSON row
  std::string error;  // set when regscreen_screen() failed
  std::string json;   // built on demand by regscreen_result_json()
  bool json_valid = false;
  uint64_t generation = 0;
};

namespace {

static_assert(REGSCREEN_DECISION_CLEAR == static_cast<int>(regscreen::Decision::kClear));
static_assert(REGSCREEN_DECISION_REVIEW == static_cast<int>(regscreen::Decision::kReview));
static_assert(REGSCREEN_DECISION_REFER == static_cast<int>(regscreen::Decision::kRefer));
static_assert(REGSCREEN_DECISION_EXEMPT == static_cast<int>(regscreen::Decision::kExempt));
static_assert(REGSCREEN_DECISION_HOLD == static_cast<int>(regscreen::Decision::kHold));
static_assert(REGSCREEN_DECISION_ERROR == static_cast<int>(regscreen::Decision::kError));
static_assert(REGSCREEN_FIELD_NAME == static_cast<int>(regscreen::Field::kName));
static_assert(REGSCREEN_FIELD_SCOPE == static_cast<int>(regscreen::Field::kScope));
static_assert(REGSCREEN_FIELD_WEBSITE == static_cast<int>(regscreen::Field::kWebsite));
static_assert(REGSCREEN_HIT_AFFIRMATIVE == static_cast<int>(regscreen::HitStatus::kAffirmative));
static_assert(REGSCREEN_HIT_NEGATED == static_cast<int>(regscreen::HitStatus::kNegated));
static_assert(REGSCREEN_HIT_NOT_THE_WORD == static_cast<int>(regscreen::HitStatus::kNotTheWord));
static_assert(REGSCREEN_NAME_PART_NONE == static_cast<int>(regscreen::NamePart::kNone));
static_assert(REGSCREEN_NAME_PART_REGION == static_cast<int>(regscreen::NamePart::kRegion));
static_assert(REGSCREEN_NAME_PART_TRADE_NAME == static_cast<int>(regscreen::NamePart::kTradeName));
static_assert(REGSCREEN_NAME_PART_INDUSTRY == static_cast<int>(regscreen::NamePart::kIndustry));
static_assert(REGSCREEN_NAME_PART_LEGAL_FORM == static_cast<int>(regscreen::NamePart::kLegalForm));

// A copy of `message` in malloc'ed memory, or nullptr if even that fails. Never throws.
char* duplicate(std::string_view message) noexcept {
  char* copy = static_cast<char*>(std::malloc(message.size() + 1));
  if (copy == nullptr) return nullptr;
  std::memcpy(copy, message.data(), message.size());
  copy[message.size()] = '\0';
  return copy;
}

regscreen_status fail(char** error, regscreen_status status, std::string_view message) noexcept {
  if (error != nullptr) *error = duplicate(message);
  return status;
}

// Runs `body` (which returns a status), converting every exception into a status and a message.
template <class Body>
regscreen_status guarded(char** error, Body&& body) noexcept {
  if (error != nullptr) *error = nullptr;
  try {
    return body();
  } catch (const regscreen::PolicyError& e) {
    return fail(error, REGSCREEN_E_POLICY, e.what());
  } catch (const std::bad_alloc&) {
    return fail(error, REGSCREEN_E_NO_MEMORY, "out of memory");
  } catch (const std::length_error& e) {
    return fail(error, REGSCREEN_E_INVALID_ARGUMENT, e.what());
  } catch (const std::invalid_argument& e) {
    return fail(error, REGSCREEN_E_INVALID_ARGUMENT, e.what());
  } catch (const std::exception& e) {
    return fail(error, REGSCREEN_E_INTERNAL, e.what());
  } catch (...) {
    return fail(error, REGSCREEN_E_INTERNAL, "unknown error");
  }
}

// The (pointer, length) text convention of the header. Throws std::invalid_argument for NULL with a
// nonzero length.
std::string_view text(const char* data, size_t length, const char* what) {
  if (length == REGSCREEN_NUL_TERMINATED) return data == nullptr ? std::string_view() : std::string_view(data);
  if (data == nullptr) {
    if (length == 0) return {};
    throw std::invalid_argument(std::string("record.") + what + " is NULL but its length is not 0");
  }
  return std::string_view(data, length);
}

regscreen::Screener compile(const char* profile, const regscreen_options* options) {
  if (profile == nullptr || *profile == '\0') throw std::invalid_argument("profile is NULL or empty");
  static const regscreen::ScreenerOptions kDefaults;
  return regscreen::Screener::from_profile(profile, options != nullptr ? options->options : kDefaults);
}

// Leaves *result in the documented failed state. Only non-throwing operations.
void mark_failed(regscreen_result* result) noexcept {
  regscreen::Result& r = result->result;
  r.decision = regscreen::Decision::kError;
  r.score = 0;
  r.categories.clear();
  r.regulators.clear();
  r.hits.clear();
  r.explanation.clear();
  r.warnings.clear();
  result->json_valid = false;
  result->generation = 0;
}

const char* item(const std::vector<std::string>* list, size_t i) {
  return list != nullptr && i < list->size() ? (*list)[i].c_str() : nullptr;
}

}  // namespace

extern "C" {

const char* regscreen_status_string(regscreen_status status) {
  switch (status) {
    case REGSCREEN_OK: return "ok";
    case REGSCREEN_E_INVALID_ARGUMENT: return "invalid argument";
    case REGSCREEN_E_POLICY: return "policy could not be loaded";
    case REGSCREEN_E_NO_MEMORY: return "out of memory";
    case REGSCREEN_E_ABI_MISMATCH: return "ABI version mismatch between header and library";
    case REGSCREEN_E_INTERNAL: return "internal error";
  }
  return "unknown status";
}

const char* regscreen_version(void) { return REGSCREEN_VERSION; }

int regscreen_abi_version(void) { return REGSCREEN_C_ABI_VERSION; }

regscreen_status regscreen_check_abi(int header_abi_version) {
  return header_abi_version == REGSCREEN_C_ABI_VERSION ? REGSCREEN_OK : REGSCREEN_E_ABI_MISMATCH;
}

void regscreen_string_free(char* s) { std::free(s); }

const char* regscreen_decision_name(int decision) {
  if (decision < REGSCREEN_DECISION_CLEAR || decision > REGSCREEN_DECISION_ERROR) return "?";
  return regscreen::to_string(static_cast<regscreen::Decision>(decision)).data();
}

const char* regscreen_field_name(int field) {
  if (field < 0 || field >= regscreen::kFieldCount) return "?";
  return regscreen::to_string(static_cast<regscreen::Field>(field)).data();
}

const char* regscreen_hit_status_name(int status) {
  if (status < REGSCREEN_HIT_AFFIRMATIVE || status > REGSCREEN_HIT_NOT_THE_WORD) return "?";
  return regscreen::to_string(static_cast<regscreen::HitStatus>(status)).data();
}

const char* regscreen_name_part_name(int name_part) {
  if (name_part < REGSCREEN_NAME_PART_NONE || name_part > REGSCREEN_NAME_PART_LEGAL_FORM) return "?";
  return regscreen::to_string(static_cast<regscreen::NamePart>(name_part)).data();
}

// ---- Options -------------------------------------------------------------------------------------------

regscreen_options* regscreen_options_new(void) { return new (std::nothrow) regscreen_options(); }

void regscreen_options_free(regscreen_options* options) { delete options; }

regscreen_status regscreen_options_set_policy_dir(regscreen_options* options, const char* dir) {
  if (options == nullptr) return REGSCREEN_E_INVALID_ARGUMENT;
  return guarded(nullptr, [&] {
    options->options.policy_dir = dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path();
    return REGSCREEN_OK;
  });
}

regscreen_status regscreen_options_set_licensed_list(regscreen_options* options, const char* path) {
  if (options == nullptr) return REGSCREEN_E_INVALID_ARGUMENT;
  return guarded(nullptr, [&] {
    options->options.licensed_list = path != nullptr ? std::filesystem::path(path) : std::filesystem::path();
    return REGSCREEN_OK;
  });
}

regscreen_status regscreen_options_set_backend(regscreen_options* options, int backend) {
  if (options == nullptr) return REGSCREEN_E_INVALID_ARGUMENT;
  switch (backend) {
    case REGSCREEN_BACKEND_DEFAULT: options->options.backend = regscreen::Backend::kDefault; break;
    case REGSCREEN_BACKEND_HYPERSCAN: options->options.backend = regscreen::Backend::kHyperscan; break;
    case REGSCREEN_BACKEND_AHO_CORASICK: options->options.backend = regscreen::Backend::kAhoCorasick; break;
    default: return REGSCREEN_E_INVALID_ARGUMENT;
  }
  return REGSCREEN_OK;
}

// ---- Screener ------------------------------------------------------------------------------------------

regscreen_status regscreen_screener_new(const char* profile, const regscreen_options* options,
                                        regscreen_screener** out, char** error) {
  if (out != nullptr) *out = nullptr;
  return guarded(error, [&] {
    if (out == nullptr) throw std::invalid_argument("out is NULL");
    *out = new regscreen_screener(compile(profile, options));
    return REGSCREEN_OK;
  });
}

void regscreen_screener_free(regscreen_screener* screener) { delete screener; }

regscreen_status regscreen_reload(regscreen_screener* screener, const char* profile,
                                  const regscreen_options* options, char** error) {
  return guarded(error, [&] {
    if (screener == nullptr) throw std::invalid_argument("screener is NULL");
    screener->live.install(compile(profile, options));
    return REGSCREEN_OK;
  });
}

uint64_t regscreen_screener_generation(const regscreen_screener* screener) {
  return screener != nullptr ? screener->live.generation() : 0;
}

char* regscreen_screener_profile(const regscreen_screener* screener) {
  if (screener == nullptr) return nullptr;
  try {
    return duplicate(screener->live.snapshot()->policy().profile_id);
  } catch (...) {
    return nullptr;
  }
}

char* regscreen_screener_backend(const regscreen_screener* screener) {
  if (screener == nullptr) return nullptr;
  try {
    return duplicate(screener->live.snapshot()->backend_name());
  } catch (...) {
    return nullptr;
  }
}

// ---- Screening -----------------------------------------------------------------------------------------

regscreen_result* regscreen_result_new(void) { return new (std::nothrow) regscreen_result(); }

void regscreen_result_free(regscreen_result* result) { delete result; }

regscreen_status regscreen_screen(const regscreen_screener* screener, const regscreen_record* record,
                                  regscreen_result* result, char** error) {
  if (result == nullptr) return fail(error, REGSCREEN_E_INVALID_ARGUMENT, "result is NULL");
  const regscreen_status status = guarded(error, [&] {
    result->json_valid = false;
    result->error.clear();
    result->id.clear();
    if (screener == nullptr) throw std::invalid_argument("screener is NULL");
    if (record == nullptr) throw std::invalid_argument("record is NULL");
    regscreen::Record r;
    r.id = text(record->id, record->id_len, "id");
    result->id.assign(r.id);  // first, so that an error row for a bad record still carries its id
    r.name = text(record->name, record->name_len, "name");
    r.scope = text(record->scope, record->scope_len, "scope");
    r.website = text(record->website, record->website_len, "website");
    r.credit_code = text(record->credit_code, record->credit_code_len, "credit_code");
    r.new_registration = record->new_registration != 0;
    result->generation = screener->live.screen(r, &result->result);
    return REGSCREEN_OK;
  });
  if (status != REGSCREEN_OK) {
    mark_failed(result);
    try {
      result->error = regscreen_status_string(status);
      if (error != nullptr && *error != nullptr) result->error = *error;
    } catch (...) {
      // The JSON error row then carries a shorter reason; nothing else depends on it.
    }
  }
  return status;
}

// ---- Reading a result ----------------------------------------------------------------------------------

regscreen_status regscreen_result_summary(const regscreen_result* result, regscreen_summary* summary) {
  if (result == nullptr || summary == nullptr) return REGSCREEN_E_INVALID_ARGUMENT;
  const regscreen::Result& r = result->result;
  summary->decision = static_cast<int32_t>(r.decision);
  summary->score = r.score;
  summary->hit_count = r.hits.size();
  summary->affirmative_hit_count = 0;
  for (const regscreen::Hit& h : r.hits) {
    if (h.status == regscreen::HitStatus::kAffirmative) ++summary->affirmative_hit_count;
  }
  summary->category_count = r.categories.size();
  summary->regulator_count = r.regulators.size();
  summary->warning_count = r.warnings.size();
  summary->generation = result->generation;
  return REGSCREEN_OK;
}

int regscreen_result_decision(const regscreen_result* result) {
  return result != nullptr ? static_cast<int>(result->result.decision) : REGSCREEN_DECISION_ERROR;
}

int regscreen_result_score(const regscreen_result* result) { return result != nullptr ? result->result.score : -1; }

uint64_t regscreen_result_generation(const regscreen_result* result) {
  return result != nullptr ? result->generation : 0;
}

const char* regscreen_result_category(const regscreen_result* result, size_t i) {
  return item(result != nullptr ? &result->result.categories : nullptr, i);
}

const char* regscreen_result_regulator(const regscreen_result* result, size_t i) {
  return item(result != nullptr ? &result->result.regulators : nullptr, i);
}

const char* regscreen_result_warning(const regscreen_result* result, size_t i) {
  return item(result != nullptr ? &result->result.warnings : nullptr, i);
}

const char* regscreen_result_explanation(const regscreen_result* result) {
  return result != nullptr ? result->result.explanation.c_str() : nullptr;
}

regscreen_status regscreen_result_hit(const regscreen_result* result, size_t i, regscreen_hit* hit) {
  if (result == nullptr || hit == nullptr || i >= result->result.hits.size()) return REGSCREEN_E_INVALID_ARGUMENT;
  const regscreen::Hit& h = result->result.hits[i];
  hit->term = h.term.c_str();
  hit->category = h.category.c_str();
  hit->text = h.text.c_str();
  hit->reason = h.reason.c_str();
  hit->field = static_cast<int32_t>(h.field);
  hit->status = static_cast<int32_t>(h.status);
  hit->name_part = static_cast<int32_t>(h.name_part);
  hit->start = h.start;
  hit->end = h.end;
  hit->weight = h.weight;
  return REGSCREEN_OK;
}

const char* regscreen_result_json(regscreen_result* result, size_t* length) {
  if (length != nullptr) *length = 0;
  if (result == nullptr) return nullptr;
  try {
    if (!result->json_valid) {
      result->json.clear();
      if (result->result.decision == regscreen::Decision::kError) {
        regscreen::append_error_json(result->id, 0, result->error, &result->json);
      } else {
        regscreen::append_json(result->result, result->id, &result->json);
      }
      result->json_valid = true;
    }
  } catch (...) {
    result->json_valid = false;
    return nullptr;
  }
  if (length != nullptr) *length = result->json.size();
  return result->json.c_str();
}

}  // extern "C"
