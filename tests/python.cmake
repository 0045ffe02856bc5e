# Python tests (included by tests/CMakeLists.txt): runs pytest on tests/python against the package built
# in ${PROJECT_BINARY_DIR}/python, under the interpreter the module is built for (Debian's /usr/bin/python3
# unless -DPython_EXECUTABLE says otherwise; see bindings/python/CMakeLists.txt). bindings/python is added
# after tests/, so this checks the option rather than the target. `ctest -R python` runs it; build the
# regscreen_python target (and regscreen_cli, for the CLI comparison) first.
if(NOT REGSCREEN_BUILD_PYTHON OR NOT EXISTS ${PROJECT_SOURCE_DIR}/bindings/python/CMakeLists.txt)
  return()
endif()
if(DEFINED Python_EXECUTABLE)
  set(_regscreen_pytest_python ${Python_EXECUTABLE})
elseif(EXISTS /usr/bin/python3)
  set(_regscreen_pytest_python /usr/bin/python3)
else()
  set(_regscreen_pytest_python python3)
endif()
add_test(NAME python_pytest
  COMMAND ${_regscreen_pytest_python} -m pytest -q -p no:cacheprovider ${CMAKE_CURRENT_SOURCE_DIR}/python
  WORKING_DIRECTORY ${PROJECT_BINARY_DIR})
set_tests_properties(python_pytest PROPERTIES
  ENVIRONMENT "PYTHONPATH=${PROJECT_BINARY_DIR}/python;REGSCREEN_CLI=${PROJECT_BINARY_DIR}/regscreen"
  TIMEOUT 900)
