# C API tests (included by tests/CMakeLists.txt): links the capi_* GoogleTest binaries with
# libregscreen_c.so, and builds and runs the C and Java examples the way a user would.
if(NOT EXISTS ${PROJECT_SOURCE_DIR}/bindings/c/CMakeLists.txt)
  return()
endif()

# The capi_* tests call the C API through the shared library (the regscreen_c target is defined later, in
# bindings/c; target names are resolved when the build system is generated).
foreach(t IN ITEMS capi_api_test capi_symbols_test capi_no_memory_test concurrency_reload_test)
  if(TARGET ${t})
    target_link_libraries(${t} PRIVATE regscreen_c)
    target_compile_definitions(${t} PRIVATE
      REGSCREEN_C_LIBRARY="$<TARGET_FILE:regscreen_c>"
      REGSCREEN_C_HEADER="${PROJECT_SOURCE_DIR}/include/regscreen/regscreen_c.h")
  endif()
endforeach()

set(_capi_libdir "$<TARGET_FILE_DIR:regscreen_c>")
set(_capi_sanitize "")
if(REGSCREEN_SANITIZE)
  set(_capi_sanitize "-fsanitize=${REGSCREEN_SANITIZE}")
endif()

# C example: compiled as strict C99 with nothing but the public header and -lregscreen_c (no C++ compiler,
# headers or libraries), then run on examples/c/records.tsv under the national profile.
set(_capi_c_example ${CMAKE_CURRENT_BINARY_DIR}/capi_c_example)
add_test(NAME capi_c_example_build
  COMMAND ${CMAKE_C_COMPILER} -std=c99 -pedantic -Wall -Wextra -Werror ${_capi_sanitize}
          -I${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/examples/c/screen_records.c
          -o ${_capi_c_example} -L${_capi_libdir} -lregscreen_c -Wl,-rpath,${_capi_libdir})
set_tests_properties(capi_c_example_build PROPERTIES FIXTURES_SETUP capi_c_example)
# Expected: the wealth-management name is referred to the regulators, the restaurant is clear, the P2P
# new registration is referred under the national profile (which does not hold new registrations), and
# the software company whose scope only prohibits 理财/金融 is clear with negated hits.
add_test(NAME capi_c_example_run
  COMMAND ${_capi_c_example} --policy-dir ${PROJECT_SOURCE_DIR}/data national
          ${PROJECT_SOURCE_DIR}/examples/c/records.tsv)
set_tests_properties(capi_c_example_run PROPERTIES
  FIXTURES_REQUIRED capi_c_example
  PASS_REGULAR_EXPRESSION "ex-1\trefer\t[0-9]+\tasset_management\t[^\n]+\n.*ex-2\tclear\t0\t-\t-\nex-3\trefer\t[0-9]+\tp2p_lending\t.*ex-4\tclear\t0\t-\t-\n  scope[^\n]*理财 negated")
# Shanghai holds the P2P new registration (issue: new registrations versus existing enterprises) and
# still refers the existing wealth-management company.
add_test(NAME capi_c_example_shanghai_hold
  COMMAND ${_capi_c_example} --json --policy-dir ${PROJECT_SOURCE_DIR}/data shanghai
          ${PROJECT_SOURCE_DIR}/examples/c/records.tsv)
set_tests_properties(capi_c_example_shanghai_hold PROPERTIES
  FIXTURES_REQUIRED capi_c_example
  PASS_REGULAR_EXPRESSION "\\{\"id\":\"ex-1\",\"decision\":\"refer\"[^\n]*\n[^\n]*\n\\{\"id\":\"ex-3\",\"decision\":\"hold\"")
add_test(NAME capi_c_example_json
  COMMAND ${_capi_c_example} --json --policy-dir ${PROJECT_SOURCE_DIR}/data national
          ${PROJECT_SOURCE_DIR}/examples/c/records.tsv)
set_tests_properties(capi_c_example_json PROPERTIES
  FIXTURES_REQUIRED capi_c_example
  PASS_REGULAR_EXPRESSION "\\{\"id\":\"ex-1\",\"decision\":\"refer\"[^\n]*\\}\n\\{\"id\":\"ex-2\",\"decision\":\"clear\"")
# A profile that does not exist fails with the loader's "file:line: message".
add_test(NAME capi_c_example_bad_profile
  COMMAND ${_capi_c_example} --policy-dir ${PROJECT_SOURCE_DIR}/data no_such_profile
          ${PROJECT_SOURCE_DIR}/examples/c/records.tsv)
set_tests_properties(capi_c_example_bad_profile PROPERTIES
  FIXTURES_REQUIRED capi_c_example
  PASS_REGULAR_EXPRESSION "cannot load profile no_such_profile: [^\n]*no_such_profile[^\n]*:")

# Java example through the JNI shim, when a JDK is installed (scripts/install-deps.sh installs one).
# Not under sanitizers: the JVM would have to be started with the sanitizer runtime preloaded.
find_package(Java 11 COMPONENTS Development QUIET)
find_package(JNI QUIET)
if(Java_FOUND AND JNI_INCLUDE_DIRS AND NOT REGSCREEN_SANITIZE)
  set(_capi_java_dir ${CMAKE_CURRENT_BINARY_DIR}/capi_java)
  set(_capi_jni_includes "")
  foreach(dir IN LISTS JNI_INCLUDE_DIRS)
    list(APPEND _capi_jni_includes -I${dir})
  endforeach()
  list(REMOVE_DUPLICATES _capi_jni_includes)
  add_test(NAME capi_java_example_build_shim
    COMMAND ${CMAKE_C_COMPILER} -std=c99 -Wall -Wextra -Werror -shared -fPIC ${_capi_jni_includes}
            -I${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/examples/java/regscreen_jni.c
            -o ${_capi_java_dir}/libregscreen_jni.so -L${_capi_libdir} -lregscreen_c -Wl,-rpath,${_capi_libdir})
  add_test(NAME capi_java_example_compile
    COMMAND ${Java_JAVAC_EXECUTABLE} -Xlint:all -Werror -encoding UTF-8 -d ${_capi_java_dir}/classes
            ${PROJECT_SOURCE_DIR}/examples/java/org/regscreen/Screener.java
            ${PROJECT_SOURCE_DIR}/examples/java/org/regscreen/ScreenResult.java
            ${PROJECT_SOURCE_DIR}/examples/java/org/regscreen/RegscreenException.java
            ${PROJECT_SOURCE_DIR}/examples/java/ScreenExample.java)
  set_tests_properties(capi_java_example_build_shim capi_java_example_compile PROPERTIES
    FIXTURES_SETUP capi_java_example)
  file(MAKE_DIRECTORY ${_capi_java_dir})
  # national, then a reload to ningxia while four threads screen, then a refused reload.
  add_test(NAME capi_java_example_run
    COMMAND ${Java_JAVA_EXECUTABLE} -Djava.library.path=${_capi_java_dir} -cp ${_capi_java_dir}/classes
            ScreenExample national ningxia ${PROJECT_SOURCE_DIR}/examples/c/records.tsv)
  set_tests_properties(capi_java_example_run PROPERTIES
    FIXTURES_REQUIRED capi_java_example
    ENVIRONMENT "REGSCREEN_POLICY_DIR=${PROJECT_SOURCE_DIR}/data"
    PASS_REGULAR_EXPRESSION "ex-1\trefer\t.*ex-2\tclear\t0.*refused reload \\(status -2\\).*concurrent: screened=8000 failures=0 generation=2 after_refused_reload=2")
endif()
