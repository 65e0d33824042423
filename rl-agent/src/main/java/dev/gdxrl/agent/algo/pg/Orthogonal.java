package dev.gdxrl.agent.algo.pg;

import java.util.random.RandomGenerator;

/** Orthogonal weight initialisation (Saxe et al.), computed on the host from a seeded generator. */
final class Orthogonal {
  private Orthogonal() {}

  /**
   * A {@code rows x cols} row-major matrix with orthonormal rows (if rows <= cols) or columns
   * (otherwise), times {@code gain}: Gram-Schmidt on standard normal vectors.
   */
  static float[] matrix(int rows, int cols, double gain, RandomGenerator rng) {
    boolean byRows = rows <= cols;
    int count = byRows ? rows : cols;
    int len = byRows ? cols : rows;
    double[][] v = new double[count][len];
    for (int a = 0; a < count; a++) {
      for (int j = 0; j < len; j++) {
        v[a][j] = rng.nextGaussian();
      }
      for (int b = 0; b < a; b++) {
        double dot = 0;
        for (int j = 0; j < len; j++) {
          dot += v[a][j] * v[b][j];
        }
        for (int j = 0; j < len; j++) {
          v[a][j] -= dot * v[b][j];
        }
      }
      double norm = 0;
      for (int j = 0; j < len; j++) {
        norm += v[a][j] * v[a][j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < len; j++) {
        v[a][j] /= norm;
      }
    }
    float[] m = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m[r * cols + c] = (float) (gain * (byRows ? v[r][c] : v[c][r]));
      }
    }
    return m;
  }
}
