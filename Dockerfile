# Mentorsim in a container, for clusters and for a fixed environment (docs/clusters.md, "In a
# container"): Debian 12, the project's own set-up step (.ci/install-deps), a release build
# installed to /usr/local with the analysis package, the scenarios and the docs.
#
#   docker build -t mentorsim .
#   docker run --rm -v "$PWD/out:/out" mentorsim compare \
#       /usr/local/share/mentorsim/scenarios/compare/00_one_on_one.toml \
#       /usr/local/share/mentorsim/scenarios/compare/20_peer_pod.toml --out /out/compare.h5
#
# Build it from a clean clone (.dockerignore leaves out build trees and results).
FROM debian:12

COPY . /src/mentorsim
WORKDIR /src/mentorsim
# install-deps runs apt as root here; the build's tests are not run in the image (.ci/test does).
RUN .ci/install-deps --no-test-tools \
    && cmake --preset release -DMENTORSIM_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr/local \
    && cmake --build --preset release \
    && cmake --install build/release \
    && rm -rf build /var/lib/apt/lists/*

WORKDIR /work
ENTRYPOINT ["mentorsim"]
CMD ["--help"]
