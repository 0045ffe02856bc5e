/* libregscreen_jni.so: the JNI shim behind org.regscreen.Screener, over the regscreen C API.
 *
 * Why JNI and not JNA: a registration system screens every application on its request path; a JNI call
 * goes straight to compiled C, while JNA converts arguments and mirrors C structs (regscreen_record,
 * regscreen_hit) through reflection on every call, and those mirrors must be kept in step with the header
 * by hand. JNI needs nothing but the JDK (JNA is another jar, libjna-java, to ship). The price is this
 * small file, compiled per platform.
 *
 * Text crosses as UTF-8 byte[] in both directions: JNI's GetStringUTFChars/NewStringUTF use "modified
 * UTF-8", which encodes characters outside the BMP (CJK Extension B names do occur) differently.
 * C++ exceptions never reach here (the C API catches them); C API errors become RegscreenException.
 *
 * Build: cc -shared -fPIC -I$JAVA_HOME/include -I$JAVA_HOME/include/linux -Iinclude regscreen_jni.c \
 *          -Llib -lregscreen_c -o libregscreen_jni.so
 */
#include <jni.h>
#include <stdlib.h>
#include <string.h>

#include "regscreen/regscreen_c.h"

static jclass result_class;     /* org.regscreen.ScreenResult (global ref) */
static jmethodID result_init;   /* ScreenResult(int, int, long, byte[]) */
static jclass exception_class;  /* org.regscreen.RegscreenException (global ref) */
static jmethodID exception_init; /* RegscreenException(int, byte[]) */

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
  JNIEnv *env;
  jclass screener_class, cls;
  jfieldID abi_field;
  (void)reserved;
  if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) return JNI_ERR;
  /* The library must implement the ABI this shim was compiled against, and the Java class must agree. */
  if (regscreen_check_abi(REGSCREEN_C_ABI_VERSION) != REGSCREEN_OK) return JNI_ERR;
  screener_class = (*env)->FindClass(env, "org/regscreen/Screener");
  if (screener_class == NULL) return JNI_ERR;
  abi_field = (*env)->GetStaticFieldID(env, screener_class, "ABI_VERSION", "I");
  if (abi_field == NULL ||
      (*env)->GetStaticIntField(env, screener_class, abi_field) != REGSCREEN_C_ABI_VERSION) {
    return JNI_ERR;
  }
  cls = (*env)->FindClass(env, "org/regscreen/ScreenResult");
  if (cls == NULL) return JNI_ERR;
  result_class = (jclass)(*env)->NewGlobalRef(env, cls);
  result_init = (*env)->GetMethodID(env, cls, "<init>", "(IIJ[B)V");
  cls = (*env)->FindClass(env, "org/regscreen/RegscreenException");
  if (cls == NULL) return JNI_ERR;
  exception_class = (jclass)(*env)->NewGlobalRef(env, cls);
  exception_init = (*env)->GetMethodID(env, cls, "<init>", "(I[B)V");
  if (result_init == NULL || exception_init == NULL) return JNI_ERR;
  return JNI_VERSION_1_8;
}

static jbyteArray to_bytes(JNIEnv *env, const char *s, size_t len) {
  jbyteArray array = (*env)->NewByteArray(env, (jsize)len);
  if (array != NULL) (*env)->SetByteArrayRegion(env, array, 0, (jsize)len, (const jbyte *)s);
  return array;
}

/* Throws RegscreenException(status, message) and frees the message. */
static void throw_error(JNIEnv *env, regscreen_status status, char *message) {
  const char *text = message != NULL ? message : regscreen_status_string(status);
  jbyteArray bytes = to_bytes(env, text, strlen(text));
  regscreen_string_free(message);
  if (bytes != NULL) {
    jobject e = (*env)->NewObject(env, exception_class, exception_init, (jint)status, bytes);
    if (e != NULL) (*env)->Throw(env, (jthrowable)e);
  }
}

/* A Java byte[] (may be null) copied into a NUL-terminated C string; NULL for null. *failed on OOM. */
static char *c_string(JNIEnv *env, jbyteArray array, size_t *len, int *failed) {
  jsize n;
  char *s;
  *len = 0;
  if (array == NULL) return NULL;
  n = (*env)->GetArrayLength(env, array);
  s = (char *)malloc((size_t)n + 1);
  if (s == NULL) {
    *failed = 1;
    return NULL;
  }
  (*env)->GetByteArrayRegion(env, array, 0, n, (jbyte *)s);
  s[n] = '\0';
  *len = (size_t)n;
  return s;
}

static regscreen_options *options_for(const char *policy_dir) {
  regscreen_options *options = regscreen_options_new();
  if (options != NULL && policy_dir != NULL) regscreen_options_set_policy_dir(options, policy_dir);
  return options;
}

JNIEXPORT jlong JNICALL Java_org_regscreen_Screener_nativeNew(JNIEnv *env, jclass cls, jbyteArray profile,
                                                              jbyteArray policy_dir) {
  size_t len;
  int failed = 0;
  char *error = NULL, *p = c_string(env, profile, &len, &failed), *d = c_string(env, policy_dir, &len, &failed);
  regscreen_options *options = failed ? NULL : options_for(d);
  regscreen_screener *s = NULL;
  regscreen_status status = REGSCREEN_E_NO_MEMORY;
  (void)cls;
  if (options != NULL) status = regscreen_screener_new(p, options, &s, &error);
  regscreen_options_free(options);
  free(p);
  free(d);
  if (status != REGSCREEN_OK) throw_error(env, status, error);
  return (jlong)(intptr_t)s;
}

JNIEXPORT void JNICALL Java_org_regscreen_Screener_nativeFree(JNIEnv *env, jclass cls, jlong handle) {
  (void)env;
  (void)cls;
  regscreen_screener_free((regscreen_screener *)(intptr_t)handle);
}

JNIEXPORT void JNICALL Java_org_regscreen_Screener_nativeReload(JNIEnv *env, jclass cls, jlong handle,
                                                                jbyteArray profile, jbyteArray policy_dir) {
  size_t len;
  int failed = 0;
  char *error = NULL, *p = c_string(env, profile, &len, &failed), *d = c_string(env, policy_dir, &len, &failed);
  regscreen_options *options = failed ? NULL : options_for(d);
  regscreen_status status = REGSCREEN_E_NO_MEMORY;
  (void)cls;
  if (options != NULL) status = regscreen_reload((regscreen_screener *)(intptr_t)handle, p, options, &error);
  regscreen_options_free(options);
  free(p);
  free(d);
  if (status != REGSCREEN_OK) throw_error(env, status, error);
}

JNIEXPORT jlong JNICALL Java_org_regscreen_Screener_nativeGeneration(JNIEnv *env, jclass cls, jlong handle) {
  (void)env;
  (void)cls;
  return (jlong)regscreen_screener_generation((const regscreen_screener *)(intptr_t)handle);
}

JNIEXPORT jstring JNICALL Java_org_regscreen_Screener_version(JNIEnv *env, jclass cls) {
  (void)cls;
  return (*env)->NewStringUTF(env, regscreen_version()); /* ASCII */
}

JNIEXPORT jobject JNICALL Java_org_regscreen_Screener_nativeScreen(JNIEnv *env, jclass cls, jlong handle,
                                                                   jbyteArray id, jbyteArray name,
                                                                   jbyteArray scope, jbyteArray website,
                                                                   jboolean new_registration) {
  regscreen_record rec = REGSCREEN_RECORD_INIT;
  int failed = 0;
  char *error = NULL, *buffers[4];
  regscreen_result *result = regscreen_result_new();
  regscreen_status status = REGSCREEN_E_NO_MEMORY;
  jobject out = NULL;
  int i;
  (void)cls;
  buffers[0] = c_string(env, id, &rec.id_len, &failed);
  buffers[1] = c_string(env, name, &rec.name_len, &failed);
  buffers[2] = c_string(env, scope, &rec.scope_len, &failed);
  buffers[3] = c_string(env, website, &rec.website_len, &failed);
  rec.id = buffers[0];
  rec.name = buffers[1];
  rec.scope = buffers[2];
  rec.website = buffers[3];
  rec.new_registration = new_registration ? 1 : 0;
  if (result != NULL && !failed) {
    status = regscreen_screen((const regscreen_screener *)(intptr_t)handle, &rec, result, &error);
  }
  if (status == REGSCREEN_OK) {
    size_t json_len = 0;
    const char *json = regscreen_result_json(result, &json_len);
    jbyteArray bytes = json != NULL ? to_bytes(env, json, json_len) : NULL;
    if (bytes != NULL) {
      out = (*env)->NewObject(env, result_class, result_init, (jint)regscreen_result_decision(result),
                              (jint)regscreen_result_score(result), (jlong)regscreen_result_generation(result),
                              bytes);
    } else if (json == NULL) {
      throw_error(env, REGSCREEN_E_NO_MEMORY, NULL);
    }
  } else {
    throw_error(env, status, error);
  }
  regscreen_result_free(result);
  for (i = 0; i < 4; ++i) free(buffers[i]);
  return out;
}
