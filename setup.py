from setuptools import setup

setup(cffi_modules=["build_sock.py:ffibuilder"])
