/* regscreen C API: screening of enterprise registration records for restricted financial terms, for
 * registration systems written in C, Java (JNI/JNA), Go (cgo), C# (P/Invoke) or anything with a C FFI.
 *
 * Library: libregscreen_c.so (link with -lregscreen_c; it exports only the regscreen_* symbols below and
 * carries the C++ runtime dependencies itself). Header: plain C99, no C++ needed to use it.
 *
 * OVERVIEW
 *
 *   regscreen_screener *s = NULL;
 *   char *err = NULL;
 *   if (regscreen_check_abi(REGSCREEN_C_ABI_VERSION) != REGSCREEN_OK) abort();  // header vs library
 *   if (regscreen_screener_new("shanghai", NULL, &s, &err) != REGSCREEN_OK) {
 *     fprintf(stderr, "%s\n", err);  // "profiles/shanghai.toml:12: unknown term ..."
 *     regscreen_string_free(err);
 *     return 1;
 *   }
 *   regscreen_result *r = regscreen_result_new();
 *   regscreen_record rec = REGSCREEN_RECORD_INIT;
 *   rec.name = "上海某某财富管理有限公司"; rec.name_len = REGSCREEN_NUL_TERMINATED;
 *   rec.scope = "投资咨询；财富管理";       rec.scope_len = REGSCREEN_NUL_TERMINATED;
 *   rec.new_registration = 1;                          // a 设立/变更 application
 *   if (regscreen_screen(s, &rec, r, &err) == REGSCREEN_OK) {
 *     regscreen_summary sum;
 *     regscreen_result_summary(r, &sum);               // sum.decision == REGSCREEN_DECISION_HOLD
 *     puts(regscreen_result_json(r, NULL));            // the JSON contract of include/regscreen/json.h
 *   }
 *   regscreen_result_free(r);
 *   regscreen_screener_free(s);
 *
 * OBJECTS
 *
 *   regscreen_options   settings for creating/reloading a screener (policy directory, licensed list,
 *                       matcher backend). Plain mutable object; copied when used, free it any time after.
 *   regscreen_screener  a compiled profile. Immutable from the caller's view and SHARED BY ALL THREADS:
 *                       regscreen_screen() may run on one screener from any number of threads at once,
 *                       with no lock on the hot path. regscreen_reload() swaps in a newly compiled
 *                       profile atomically while other threads keep screening (see RELOAD).
 *   regscreen_result    the outcome of one call, reused across calls to avoid allocation. NOT thread-safe:
 *                       one per thread (or per call). Strings read from it stay valid until it is passed
 *                       to regscreen_screen() again or freed.
 *
 * ERRORS
 *
 *   Every function that can fail returns a regscreen_status (REGSCREEN_OK == 0, errors are negative).
 *   Those taking `char **error` store a message there on failure when error != NULL (a string allocated
 *   by the library: release it with regscreen_string_free()); on success *error is set to NULL. If even
 *   the message cannot be allocated, *error is NULL and regscreen_status_string() describes the code.
 *   No C++ exception ever crosses this API: everything (std::bad_alloc included) is caught and turned
 *   into a status. Policy errors read "file:line: what is wrong".
 *
 * TEXT
 *
 *   All text is UTF-8 (invalid bytes are read as U+FFFD and reported as warnings). Input strings are
 *   (pointer, length) pairs so that Java byte[]/Go strings need no NUL terminator; pass
 *   REGSCREEN_NUL_TERMINATED as the length for a NUL-terminated string, and NULL/0 for an absent field.
 *   Hit offsets (start, end) are byte offsets into the ORIGINAL field text that was passed in.
 *   Output strings are NUL-terminated and owned by the object they were read from.
 *
 * RELOAD
 *
 *   regscreen_reload() compiles the new profile first. If that fails (bad TOML, unknown term, ...) it
 *   returns the error and the old profile keeps serving, untouched. If it succeeds, calls that start
 *   afterwards use the new profile; calls already running finish on the old one. Every result is computed
 *   entirely under one profile: regscreen_result_generation() tells which (1 for the first profile,
 *   +1 per successful reload). A thread that screened under an old profile keeps it in memory until its
 *   next regscreen_screen() call on that screener.
 *
 * VERSIONING
 *
 *   REGSCREEN_C_ABI_VERSION is incremented whenever a declaration below changes incompatibly (a struct
 *   layout, a signature, an enum value). Functions may be added without an increment. Call
 *   regscreen_check_abi(REGSCREEN_C_ABI_VERSION) once at start-up: it fails with
 *   REGSCREEN_E_ABI_MISMATCH when the loaded library implements another ABI than the header you compiled
 *   against. regscreen_version() is the library's release ("0.1.0").
 *
 * A hit is a referral with evidence, not a verdict: only regulators decide a violation.
 */
#ifndef REGSCREEN_REGSCREEN_C_H_
#define REGSCREEN_REGSCREEN_C_H_

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(REGSCREEN_C_BUILDING)
#define REGSCREEN_C_API __declspec(dllexport)
#elif defined(_WIN32)
#define REGSCREEN_C_API __declspec(dllimport)
#elif defined(__GNUC__)
#define REGSCREEN_C_API __attribute__((visibility("default")))
#else
#define REGSCREEN_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define REGSCREEN_C_ABI_VERSION 1

/* Pass as a length for a NUL-terminated string. */
#define REGSCREEN_NUL_TERMINATED ((size_t)-1)

/* ---- Status codes -------------------------------------------------------------------------------- */

typedef int32_t regscreen_status;
#define REGSCREEN_OK 0
#define REGSCREEN_E_INVALID_ARGUMENT (-1) /* NULL handle, unknown enum value, index out of range */
#define REGSCREEN_E_POLICY (-2)           /* the profile could not be loaded or failed validation */
#define REGSCREEN_E_NO_MEMORY (-3)        /* allocation failed (std::bad_alloc) */
#define REGSCREEN_E_ABI_MISMATCH (-4)     /* header and library implement different ABIs */
#define REGSCREEN_E_INTERNAL (-5)         /* any other failure (e.g. the Hyperscan backend was requested but
                                             is not usable here); the message says what */

/* A static English description of a status code ("ok", "invalid argument", ...). Never NULL. */
REGSCREEN_C_API const char *regscreen_status_string(regscreen_status status);

/* ---- Version ------------------------------------------------------------------------------------- */

/* The library's release, e.g. "0.1.0". Static string. */
REGSCREEN_C_API const char *regscreen_version(void);
/* The ABI the library implements (its REGSCREEN_C_ABI_VERSION). */
REGSCREEN_C_API int regscreen_abi_version(void);
/* REGSCREEN_OK if the library implements `header_abi_version`, else REGSCREEN_E_ABI_MISMATCH. */
REGSCREEN_C_API regscreen_status regscreen_check_abi(int header_abi_version);

/* Frees a string returned by this library (error messages, regscreen_screener_profile()). NULL is fine. */
REGSCREEN_C_API void regscreen_string_free(char *s);

/* ---- Enumerations (values are part of the ABI) ----------------------------------------------------- */

#define REGSCREEN_DECISION_CLEAR 0  /* no affirmative hit */
#define REGSCREEN_DECISION_REVIEW 1 /* affirmative hits, low score: a person looks */
#define REGSCREEN_DECISION_REFER 2  /* notify the regulators of regscreen_result_regulator() */
#define REGSCREEN_DECISION_EXEMPT 3 /* affirmative hits, but a (listed or presumed) licensed institution */
#define REGSCREEN_DECISION_HOLD 4   /* a new registration that would be referred, held by the profile */
#define REGSCREEN_DECISION_ERROR 5  /* not produced by regscreen_screen(); reserved for callers */

#define REGSCREEN_FIELD_NAME 0    /* 企业名称 */
#define REGSCREEN_FIELD_SCOPE 1   /* 经营范围 */
#define REGSCREEN_FIELD_WEBSITE 2 /* 网站名称 */

#define REGSCREEN_HIT_AFFIRMATIVE 0  /* the enterprise uses the term */
#define REGSCREEN_HIT_NEGATED 1      /* inside a prohibition/exclusion clause (不得…, 不含…, …除外) */
#define REGSCREEN_HIT_NOT_THE_WORD 2 /* the characters belong to other words (鸿基金属) */

#define REGSCREEN_NAME_PART_NONE 0
#define REGSCREEN_NAME_PART_REGION 1
#define REGSCREEN_NAME_PART_TRADE_NAME 2
#define REGSCREEN_NAME_PART_INDUSTRY 3
#define REGSCREEN_NAME_PART_LEGAL_FORM 4

#define REGSCREEN_BACKEND_DEFAULT 0 /* Hyperscan where available, else Aho-Corasick */
#define REGSCREEN_BACKEND_HYPERSCAN 1
#define REGSCREEN_BACKEND_AHO_CORASICK 2

/* Lower-case names of the values above ("refer", "scope", "not_the_word", ...); "?" if out of range. */
REGSCREEN_C_API const char *regscreen_decision_name(int decision);
REGSCREEN_C_API const char *regscreen_field_name(int field);
REGSCREEN_C_API const char *regscreen_hit_status_name(int status);
REGSCREEN_C_API const char *regscreen_name_part_name(int name_part);

/* ---- Options ------------------------------------------------------------------------------------- */

typedef struct regscreen_options regscreen_options;

/* A new options object with the defaults: policy directory from $REGSCREEN_POLICY_DIR or the compiled-in
 * one, no licensed-institution list, default backend. NULL if out of memory. */
REGSCREEN_C_API regscreen_options *regscreen_options_new(void);
REGSCREEN_C_API void regscreen_options_free(regscreen_options *options);
/* Directory holding lexicon.toml, context.toml and profiles/. NULL or "" restores the default. */
REGSCREEN_C_API regscreen_status regscreen_options_set_policy_dir(regscreen_options *options, const char *dir);
/* Licensed-institution list file (docs/POLICY.md). NULL or "" for none. */
REGSCREEN_C_API regscreen_status regscreen_options_set_licensed_list(regscreen_options *options,
                                                                     const char *path);
/* One of REGSCREEN_BACKEND_*. */
REGSCREEN_C_API regscreen_status regscreen_options_set_backend(regscreen_options *options, int backend);

/* ---- Screener ------------------------------------------------------------------------------------ */

typedef struct regscreen_screener regscreen_screener;

/* Compiles a bundled profile ("national", "shanghai", ...) or a profile file path (*.toml). `options`
 * may be NULL for the defaults. On success *out is the new screener; on failure *out is NULL. */
REGSCREEN_C_API regscreen_status regscreen_screener_new(const char *profile, const regscreen_options *options,
                                                        regscreen_screener **out, char **error);
/* Frees a screener. No call on it may be running. NULL is fine. */
REGSCREEN_C_API void regscreen_screener_free(regscreen_screener *screener);

/* Compiles `profile` and, only if that succeeds, makes it the screener's current profile (atomically for
 * all threads). On failure the previous profile keeps serving and the error says why. Thread-safe. */
REGSCREEN_C_API regscreen_status regscreen_reload(regscreen_screener *screener, const char *profile,
                                                  const regscreen_options *options, char **error);
/* 1 after creation, +1 per successful reload. */
REGSCREEN_C_API uint64_t regscreen_screener_generation(const regscreen_screener *screener);
/* The current profile's id (e.g. "shanghai"), as a string to free with regscreen_string_free(); NULL on
 * error (NULL screener, out of memory). */
REGSCREEN_C_API char *regscreen_screener_profile(const regscreen_screener *screener);
/* The matcher backend in use: "hyperscan" or "aho-corasick...". Free with regscreen_string_free(). */
REGSCREEN_C_API char *regscreen_screener_backend(const regscreen_screener *screener);

/* ---- Records and screening ----------------------------------------------------------------------- */

/* One record. Each text is (pointer, byte length); see TEXT. Only name, scope and website are screened;
 * credit_code (统一社会信用代码) is used to look the enterprise up in the licensed-institution list, and
 * id is copied into the JSON output. */
typedef struct regscreen_record {
  const char *id;
  size_t id_len;
  const char *name; /* 企业名称 */
  size_t name_len;
  const char *scope; /* 经营范围 */
  size_t scope_len;
  const char *website; /* 网站名称 (optional) */
  size_t website_len;
  const char *credit_code; /* 统一社会信用代码 (optional) */
  size_t credit_code_len;
  int32_t new_registration; /* nonzero: a 设立/变更 application rather than an existing enterprise */
} regscreen_record;

/* All fields absent, existing enterprise. */
#define REGSCREEN_RECORD_INIT {NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, 0}

typedef struct regscreen_result regscreen_result;

/* A new, empty result (decision clear). NULL if out of memory. */
REGSCREEN_C_API regscreen_result *regscreen_result_new(void);
REGSCREEN_C_API void regscreen_result_free(regscreen_result *result);

/* Screens one record into *result (replacing its previous content). Thread-safe on a shared screener;
 * `result` must not be used by another thread at the same time. On failure the result's decision is
 * REGSCREEN_DECISION_ERROR and it has no hits. */
REGSCREEN_C_API regscreen_status regscreen_screen(const regscreen_screener *screener, const regscreen_record *record,
                                                  regscreen_result *result, char **error);

/* ---- Reading a result ---------------------------------------------------------------------------- */

/* The decision, score and counts of a result in one struct. */
typedef struct regscreen_summary {
  int32_t decision; /* REGSCREEN_DECISION_* */
  int32_t score;    /* 0..100 */
  size_t hit_count; /* every occurrence, whatever its status */
  size_t affirmative_hit_count;
  size_t category_count;
  size_t regulator_count;
  size_t warning_count;
  uint64_t generation; /* which profile generation of the screener produced this result */
} regscreen_summary;

/* Fills *summary. REGSCREEN_E_INVALID_ARGUMENT if either pointer is NULL. */
REGSCREEN_C_API regscreen_status regscreen_result_summary(const regscreen_result *result, regscreen_summary *summary);
/* Shortcuts (REGSCREEN_DECISION_ERROR / -1 / 0 for a NULL result). */
REGSCREEN_C_API int regscreen_result_decision(const regscreen_result *result);
REGSCREEN_C_API int regscreen_result_score(const regscreen_result *result);
REGSCREEN_C_API uint64_t regscreen_result_generation(const regscreen_result *result);

/* The i-th string of a list, or NULL if i is out of range (0 <= i < the summary's count). */
REGSCREEN_C_API const char *regscreen_result_category(const regscreen_result *result, size_t i);
REGSCREEN_C_API const char *regscreen_result_regulator(const regscreen_result *result, size_t i);
REGSCREEN_C_API const char *regscreen_result_warning(const regscreen_result *result, size_t i);
/* One line summarising the decision (may be ""). */
REGSCREEN_C_API const char *regscreen_result_explanation(const regscreen_result *result);

/* One hit. The strings point into the result. */
typedef struct regscreen_hit {
  const char *term;     /* the lexicon term, e.g. "财富管理" */
  const char *category; /* canonical category id, e.g. "asset_management" */
  const char *text;     /* the original bytes [start, end) of the field */
  const char *reason;   /* one line: why this status and weight */
  int32_t field;        /* REGSCREEN_FIELD_* */
  int32_t status;       /* REGSCREEN_HIT_* */
  int32_t name_part;    /* REGSCREEN_NAME_PART_* */
  uint32_t start;       /* byte offsets into the original field text */
  uint32_t end;
  double weight; /* contribution to the score (0 unless affirmative) */
} regscreen_hit;

/* Fills *hit with the i-th hit (in field, start order). REGSCREEN_E_INVALID_ARGUMENT if out of range. */
REGSCREEN_C_API regscreen_status regscreen_result_hit(const regscreen_result *result, size_t i, regscreen_hit *hit);

/* The result as one JSON object (the contract of include/regscreen/json.h; "id" is the record's id), NUL
 * terminated, without a newline; *length (if not NULL) gets its byte length. Built on first use after
 * each regscreen_screen() and cached in the result. NULL if result is NULL or out of memory. */
REGSCREEN_C_API const char *regscreen_result_json(regscreen_result *result, size_t *length);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* REGSCREEN_REGSCREEN_C_H_ */
