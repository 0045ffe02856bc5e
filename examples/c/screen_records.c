/* screen_records: screens registration records read from a TSV file through the regscreen C API.
 *
 *   screen_records [--json] [--policy-dir DIR] PROFILE [FILE]
 *
 * Input: one record per line, tab-separated: id, name (企业名称), scope (经营范围), website (网站名称,
 * may be empty), new (1 for a 设立/变更 application, 0 for an existing enterprise). Lines starting with '#'
 * are comments. FILE defaults to standard input.
 * Output: per record, "id<TAB>decision<TAB>score<TAB>categories<TAB>regulators" followed by one indented
 * line per hit, or with --json one JSON object per line (the contract of include/regscreen/json.h).
 * Exit status: 0 if every record was screened, 1 on a usage, policy or screening error.
 *
 * Build (what tests/capi.cmake does): cc -std=c99 screen_records.c -I include -L lib -lregscreen_c
 * Only the C header and libregscreen_c.so are needed: no C++ compiler, no C++ headers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regscreen/regscreen_c.h"

/* Splits `line` in place at tabs into at most `max` fields; returns how many. */
static int split_tabs(char *line, char **fields, int max) {
  int n = 0;
  char *p = line;
  while (n < max) {
    fields[n++] = p;
    p = strchr(p, '\t');
    if (p == NULL) break;
    *p++ = '\0';
  }
  return n;
}

static void print_list(const regscreen_result *r, size_t count,
                       const char *(*get)(const regscreen_result *, size_t)) {
  size_t i;
  if (count == 0) fputs("-", stdout);
  for (i = 0; i < count; ++i) printf("%s%s", i ? "," : "", get(r, i));
}

static void print_readable(const regscreen_result *r, const char *id) {
  regscreen_summary sum;
  size_t i;
  regscreen_result_summary(r, &sum);
  printf("%s\t%s\t%d\t", id, regscreen_decision_name(sum.decision), (int)sum.score);
  print_list(r, sum.category_count, regscreen_result_category);
  putchar('\t');
  print_list(r, sum.regulator_count, regscreen_result_regulator);
  putchar('\n');
  for (i = 0; i < sum.hit_count; ++i) {
    regscreen_hit hit;
    if (regscreen_result_hit(r, i, &hit) != REGSCREEN_OK) break;
    printf("  %s[%u,%u) \"%s\" term=%s %s weight=%.0f: %s\n", regscreen_field_name(hit.field),
           (unsigned)hit.start, (unsigned)hit.end, hit.text, hit.term, regscreen_hit_status_name(hit.status),
           hit.weight, hit.reason);
  }
  if (regscreen_result_explanation(r)[0] != '\0') printf("  explanation: %s\n", regscreen_result_explanation(r));
}

int main(int argc, char **argv) {
  int json = 0, arg = 1, failures = 0;
  const char *policy_dir = NULL, *profile, *path = NULL;
  FILE *in = stdin;
  char line[16384];
  char *error = NULL;
  regscreen_options *options;
  regscreen_screener *screener = NULL;
  regscreen_result *result;
  regscreen_status status;

  for (; arg < argc && strncmp(argv[arg], "--", 2) == 0; ++arg) {
    if (strcmp(argv[arg], "--json") == 0) {
      json = 1;
    } else if (strcmp(argv[arg], "--policy-dir") == 0 && arg + 1 < argc) {
      policy_dir = argv[++arg];
    } else {
      fprintf(stderr, "unknown option %s\n", argv[arg]);
      return 1;
    }
  }
  if (arg >= argc) {
    fprintf(stderr, "usage: %s [--json] [--policy-dir DIR] PROFILE [FILE]\n", argv[0]);
    return 1;
  }
  profile = argv[arg++];
  if (arg < argc) path = argv[arg];

  /* The header this program was compiled with must match the library it runs with. */
  if (regscreen_check_abi(REGSCREEN_C_ABI_VERSION) != REGSCREEN_OK) {
    fprintf(stderr, "libregscreen_c implements ABI %d, this program was built for ABI %d\n",
            regscreen_abi_version(), REGSCREEN_C_ABI_VERSION);
    return 1;
  }

  options = regscreen_options_new();
  if (options == NULL || (policy_dir && regscreen_options_set_policy_dir(options, policy_dir) != REGSCREEN_OK)) {
    fputs("out of memory\n", stderr);
    return 1;
  }
  status = regscreen_screener_new(profile, options, &screener, &error);
  regscreen_options_free(options);
  if (status != REGSCREEN_OK) {
    fprintf(stderr, "cannot load profile %s: %s\n", profile, error ? error : regscreen_status_string(status));
    regscreen_string_free(error);
    return 1;
  }
  {
    char *id = regscreen_screener_profile(screener), *backend = regscreen_screener_backend(screener);
    fprintf(stderr, "regscreen %s (C ABI %d): profile %s, backend %s\n", regscreen_version(),
            regscreen_abi_version(), id ? id : "?", backend ? backend : "?");
    regscreen_string_free(id);
    regscreen_string_free(backend);
  }

  if (path != NULL && (in = fopen(path, "r")) == NULL) {
    perror(path);
    regscreen_screener_free(screener);
    return 1;
  }
  result = regscreen_result_new(); /* one result, reused for every record */
  while (result != NULL && fgets(line, sizeof line, in) != NULL) {
    char *f[5];
    int n;
    regscreen_record rec = REGSCREEN_RECORD_INIT;
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '\0' || line[0] == '#') continue;
    n = split_tabs(line, f, 5);
    rec.id = f[0];
    rec.id_len = REGSCREEN_NUL_TERMINATED;
    if (n > 1) { rec.name = f[1]; rec.name_len = strlen(f[1]); }
    if (n > 2) { rec.scope = f[2]; rec.scope_len = strlen(f[2]); }
    if (n > 3) { rec.website = f[3]; rec.website_len = strlen(f[3]); }
    rec.new_registration = n > 4 && strcmp(f[4], "1") == 0;

    status = regscreen_screen(screener, &rec, result, &error);
    if (status != REGSCREEN_OK) {
      fprintf(stderr, "%s: %s\n", f[0], error ? error : regscreen_status_string(status));
      regscreen_string_free(error);
      ++failures;
    }
    if (json) {
      const char *row = regscreen_result_json(result, NULL);
      puts(row ? row : "{\"decision\":\"error\",\"error\":\"out of memory\"}");
    } else if (status == REGSCREEN_OK) {
      print_readable(result, f[0]);
    }
  }
  if (result == NULL) ++failures;
  if (in != stdin) fclose(in);
  regscreen_result_free(result);
  regscreen_screener_free(screener);
  return failures ? 1 : 0;
}
