package dev.gdxrl.desktop.game;

import com.badlogic.gdx.graphics.Color;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/** Pixel checks on a screenshot: colour counts and colour matches in regions. */
final class Screenshots {
  private Screenshots() {}

  /** Pixels within {@code tolerance} (0-255 per channel) of {@code c} in the rectangle [x0,x1) x [y0,y1). */
  static int count(BufferedImage img, Color c, int x0, int y0, int x1, int y1, int tolerance) {
    int r = Math.round(c.r * 255);
    int g = Math.round(c.g * 255);
    int b = Math.round(c.b * 255);
    int n = 0;
    for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
      for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
        int rgb = img.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xFF) - r) <= tolerance
            && Math.abs(((rgb >> 8) & 0xFF) - g) <= tolerance
            && Math.abs((rgb & 0xFF) - b) <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }

  static int countAll(BufferedImage img, Color c, int tolerance) {
    return count(img, c, 0, 0, img.getWidth(), img.getHeight(), tolerance);
  }

  /** Number of distinct colours used by at least {@code minPixels} pixels. */
  static int distinctColours(BufferedImage img, int minPixels) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        counts.merge(img.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
      }
    }
    return (int) counts.values().stream().filter(v -> v >= minPixels).count();
  }

  /** Share of the image taken by its most common colour. */
  static double dominantShare(BufferedImage img) {
    Map<Integer, Integer> counts = new HashMap<>();
    int max = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        max = Math.max(max, counts.merge(img.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum));
      }
    }
    return (double) max / ((long) img.getWidth() * img.getHeight());
  }

  /** A test on one pixel's 0-255 channels. */
  @FunctionalInterface
  interface RgbTest {
    boolean test(int red, int green, int blue);
  }

  /** Pixels passing {@code test} in the rectangle [x0,x1) x [y0,y1). */
  static int countWhere(BufferedImage img, int x0, int y0, int x1, int y1, RgbTest test) {
    int n = 0;
    for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
      for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
        int rgb = img.getRGB(x, y);
        if (test.test((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF)) {
          n++;
        }
      }
    }
    return n;
  }
}
