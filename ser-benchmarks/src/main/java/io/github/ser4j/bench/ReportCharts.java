package io.github.ser4j.bench;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.models.EvaluationReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's figures, drawn with JFreeChart into PNG files: confusion-matrix heat maps (counts
 * and row percentages), the baseline comparison, per-class precision/recall/F1 bars, learning
 * curves and the grid-search surface.
 *
 * <p>Thread-safety: stateless; AWT rendering runs headless.
 */
final class ReportCharts {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final Font LARGE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font REGULAR = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font CELL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font CELL_BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Color BLUE = new Color(0x1f, 0x77, 0xb4);
    private static final Color ORANGE = new Color(0xff, 0x7f, 0x0e);
    private static final Color GREEN = new Color(0x2c, 0xa0, 0x2c);

    /** Sizes in pixels, width × height. */
    static final int[] CONFUSION_SIZE = {720, 660};
    static final int[] BASELINES_SIZE = {900, 500};
    static final int[] PER_CLASS_SIZE = {900, 760};
    static final int[] CURVE_SIZE = {1100, 460};
    static final int[] GRID_SIZE = {760, 520};

    private ReportCharts() {
    }

    /** The figure file names a report writes, in summary order. */
    static List<String> names(ReportResults r) {
        List<String> n = new ArrayList<>();
        for (ReportResults.Protocol p : r.protocols()) {
            n.add("confusion-" + p.key() + ".png");
        }
        n.add("baselines.png");
        n.add("per-class.png");
        n.add("learning-curve.png");
        if (r.grid() != null) {
            n.add("grid.png");
        }
        return n;
    }

    static List<Path> writeAll(ReportResults r, FeatureMatrix m, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> out = new ArrayList<>();
        for (ReportResults.Protocol p : r.protocols()) {
            out.add(png(dir.resolve("confusion-" + p.key() + ".png"), CONFUSION_SIZE,
                    confusion(p.models().get(0).pooled(), p.title())));
        }
        out.add(png(dir.resolve("baselines.png"), BASELINES_SIZE, baselines(r)));
        List<JFreeChart> perClass = new ArrayList<>();
        for (ReportResults.Protocol p : r.protocols()) {
            perClass.add(perClass(p));
        }
        out.add(png(dir.resolve("per-class.png"), PER_CLASS_SIZE, perClass, false));
        List<JFreeChart> curves = new ArrayList<>();
        for (ReportResults.Protocol p : r.protocols()) {
            curves.add(curve(p));
        }
        out.add(png(dir.resolve("learning-curve.png"), CURVE_SIZE, curves, true));
        if (r.grid() != null) {
            out.add(png(dir.resolve("grid.png"), GRID_SIZE, grid(r.grid())));
        }
        return out;
    }

    private static StandardChartTheme theme() {
        StandardChartTheme t = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        t.setExtraLargeFont(TITLE);
        t.setLargeFont(LARGE);
        t.setRegularFont(REGULAR);
        t.setSmallFont(SMALL);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        t.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        t.setBarPainter(new StandardBarPainter());
        t.setShadowVisible(false);
        return t;
    }

    private static String pct(double v) {
        return ReportResults.Stats.pct(v);
    }

    private static String[] words(List<Emotion> labels) {
        return labels.stream().map(Emotion::word).toArray(String[]::new);
    }

    /** White to dark blue over [lo, hi]. */
    private record BlueScale(double lo, double hi) implements PaintScale {
        @Override
        public double getLowerBound() {
            return lo;
        }

        @Override
        public double getUpperBound() {
            return hi;
        }

        @Override
        public Paint getPaint(double v) {
            double t = hi > lo ? Math.max(0, Math.min(1, (v - lo) / (hi - lo))) : 0;
            return new Color((int) Math.round(247 - t * (247 - 8)), (int) Math.round(251 - t * (251 - 48)),
                    (int) Math.round(255 - t * (255 - 107)));
        }

        boolean dark(double v) {
            return hi > lo && (v - lo) / (hi - lo) > 0.55;
        }
    }

    /** A heat map plot over a rows × columns grid of cells, row 0 at the top. */
    private static XYPlot heatMap(double[][] values, String[] columns, String[] rows, String xLabel, String yLabel,
            BlueScale scale) {
        int nr = values.length;
        int nc = columns.length;
        double[][] xyz = new double[3][nr * nc];
        for (int i = 0; i < nr; i++) {
            for (int j = 0; j < nc; j++) {
                xyz[0][i * nc + j] = j;
                xyz[1][i * nc + j] = i;
                xyz[2][i * nc + j] = values[i][j];
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries("cells", xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        SymbolAxis x = new SymbolAxis(xLabel, columns);
        SymbolAxis y = new SymbolAxis(yLabel, rows);
        y.setInverted(true);
        for (SymbolAxis a : new SymbolAxis[] {x, y}) {
            a.setGridBandsVisible(false);
            a.setTickLabelFont(REGULAR);
            a.setLabelFont(LARGE);
        }
        x.setTickLabelsVisible(true);
        x.setVerticalTickLabels(false);
        XYPlot plot = new XYPlot(ds, x, y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlinePaint(Color.GRAY);
        return plot;
    }

    static JFreeChart confusion(EvaluationReport e, String protocol) {
        int[][] cm = e.confusion();
        int k = cm.length;
        double[][] rowPct = new double[k][k];
        for (int i = 0; i < k; i++) {
            int total = 0;
            for (int v : cm[i]) {
                total += v;
            }
            for (int j = 0; j < k; j++) {
                rowPct[i][j] = total == 0 ? 0 : 100.0 * cm[i][j] / total;
            }
        }
        BlueScale scale = new BlueScale(0, 100);
        String[] w = words(e.labels());
        XYPlot plot = heatMap(rowPct, w, w, "predicted", "true", scale);
        JFreeChart chart = new JFreeChart("SVM confusion matrix, " + protocol, TITLE, plot, false);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
                "accuracy %s, macro-F1 %s; each cell: count and %% of its true class (row)", pct(e.accuracy()),
                pct(e.macroF1())), REGULAR));
        theme().apply(chart); // before the annotations: the theme would reset their fonts and colours
        chart.getTitle().setFont(TITLE);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                Color ink = scale.dark(rowPct[i][j]) ? Color.WHITE : Color.BLACK;
                XYTextAnnotation count = new XYTextAnnotation(Integer.toString(cm[i][j]), j, i - 0.16);
                count.setFont(i == j ? CELL_BOLD : CELL);
                count.setPaint(ink);
                XYTextAnnotation share = new XYTextAnnotation(String.format(Locale.ROOT, "%.0f%%", rowPct[i][j]), j, i + 0.2);
                share.setFont(SMALL);
                share.setPaint(ink);
                plot.addAnnotation(count);
                plot.addAnnotation(share);
            }
        }
        return chart;
    }

    static JFreeChart baselines(ReportResults r) {
        DefaultStatisticalCategoryDataset ds = new DefaultStatisticalCategoryDataset();
        for (ReportResults.Protocol p : r.protocols()) {
            for (ReportResults.Model m : p.models()) {
                ds.add(100 * m.meanAccuracy(), 100 * m.sdAccuracy(), p.title(), m.learner().name());
            }
        }
        CategoryAxis x = new CategoryAxis("model");
        NumberAxis y = new NumberAxis("accuracy, % (mean ± sd over folds)");
        y.setRange(0, 100);
        StatisticalBarRenderer br = new StatisticalBarRenderer();
        br.setErrorIndicatorPaint(Color.BLACK);
        br.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            private static final long serialVersionUID = 1L;

            @Override
            public String generateLabel(org.jfree.data.category.CategoryDataset data, int row, int column) {
                return ReportResults.Stats.pctNumber(data.getValue(row, column).doubleValue() / 100);
            }
        });
        br.setDefaultItemLabelsVisible(true);
        br.setDefaultItemLabelFont(LARGE);
        br.setDefaultItemLabelPaint(Color.WHITE);
        // Inside the bar's foot, clear of the error bar at its top.
        br.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.INSIDE6, TextAnchor.BOTTOM_CENTER));
        br.setItemMargin(0.05);
        CategoryPlot plot = new CategoryPlot(ds, x, y, br);
        JFreeChart chart = new JFreeChart("Accuracy of the SVM and the baselines (same folds, same features)", TITLE,
                plot, true);
        theme().apply(chart);
        br.setSeriesPaint(0, BLUE);
        br.setSeriesPaint(1, ORANGE);
        br.setDefaultItemLabelFont(LARGE);
        br.setDefaultItemLabelPaint(Color.WHITE);
        return chart;
    }

    static JFreeChart perClass(ReportResults.Protocol p) {
        EvaluationReport e = p.models().get(0).pooled();
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (EvaluationReport.ClassMetrics c : e.perClass()) {
            ds.addValue(100 * c.precision(), "precision", c.label().word());
            ds.addValue(100 * c.recall(), "recall", c.label().word());
            ds.addValue(100 * c.f1(), "F1", c.label().word());
        }
        JFreeChart chart = ChartFactory.createBarChart("SVM per class, " + p.title() + " (accuracy "
                + pct(e.accuracy()) + ")", null, "%", ds, PlotOrientation.VERTICAL, true, false, false);
        theme().apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        BarRenderer br = (BarRenderer) plot.getRenderer();
        br.setSeriesPaint(0, BLUE);
        br.setSeriesPaint(1, ORANGE);
        br.setSeriesPaint(2, GREEN);
        br.setItemMargin(0.04);
        return chart;
    }

    static JFreeChart curve(ReportResults.Protocol p) {
        YIntervalSeries train = new YIntervalSeries("train");
        YIntervalSeries valid = new YIntervalSeries("validation");
        for (ReportResults.CurvePoint c : p.curve()) {
            double tm = 100 * ReportResults.Stats.mean(c.train());
            double ts = 100 * ReportResults.Stats.sd(c.train());
            double vm = 100 * ReportResults.Stats.mean(c.validation());
            double vs = 100 * ReportResults.Stats.sd(c.validation());
            train.add(c.meanSize(), tm, tm - ts, tm + ts);
            valid.add(c.meanSize(), vm, vm - vs, vm + vs);
        }
        YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
        ds.addSeries(train);
        ds.addSeries(valid);
        NumberAxis x = new NumberAxis("training clips");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("accuracy, % (band: ± sd over folds)");
        y.setRange(0, 104); // headroom: training accuracy is often 100%
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.22f);
        r.setSeriesPaint(0, BLUE);
        r.setSeriesFillPaint(0, BLUE);
        r.setSeriesPaint(1, ORANGE);
        r.setSeriesFillPaint(1, ORANGE);
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesStroke(1, new BasicStroke(2f));
        XYPlot plot = new XYPlot(ds, x, y, r);
        JFreeChart chart = new JFreeChart("SVM learning curve, " + p.title(), LARGE, plot, true);
        theme().apply(chart);
        chart.getTitle().setFont(LARGE);
        r.setSeriesPaint(0, BLUE);
        r.setSeriesFillPaint(0, BLUE);
        r.setSeriesPaint(1, ORANGE);
        r.setSeriesFillPaint(1, ORANGE);
        return chart;
    }

    static JFreeChart grid(ReportResults.Grid g) {
        int nc = g.c().size();
        int ng = g.gamma().size();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[][] v = new double[nc][ng];
        for (int i = 0; i < nc; i++) {
            for (int j = 0; j < ng; j++) {
                v[i][j] = 100 * g.meanAccuracy()[i][j];
                lo = Math.min(lo, v[i][j]);
                hi = Math.max(hi, v[i][j]);
            }
        }
        String[] cols = new String[ng];
        for (int j = 0; j < ng; j++) {
            cols[j] = String.format(Locale.ROOT, "%.3g", g.gamma().get(j));
        }
        String[] rows = new String[nc];
        for (int i = 0; i < nc; i++) {
            double c = g.c().get(i);
            rows[i] = c == Math.rint(c) ? Long.toString((long) c) : Double.toString(c);
        }
        BlueScale scale = new BlueScale(lo - 0.25 * (hi - lo), hi);
        XYPlot plot = heatMap(v, cols, rows, "gamma", "C", scale);
        ((SymbolAxis) plot.getRangeAxis()).setInverted(false);
        int[] b = g.best();
        JFreeChart chart = new JFreeChart("SVM grid search, " + g.protocol(), TITLE, plot, false);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
                "mean fold accuracy ± sd; best (framed) C = %s, gamma = %.3g = %.3g/d, d = %d", rows[b[0]],
                g.gamma().get(b[1]), g.gamma().get(b[1]) * g.dimension(), g.dimension()), REGULAR));
        theme().apply(chart); // before the annotations: the theme would reset their fonts and colours
        chart.getTitle().setFont(TITLE);
        for (int i = 0; i < nc; i++) {
            for (int j = 0; j < ng; j++) {
                Color ink = scale.dark(v[i][j]) ? Color.WHITE : Color.BLACK;
                XYTextAnnotation a = new XYTextAnnotation(pct(g.meanAccuracy()[i][j]), j, i + 0.12);
                a.setFont(i == b[0] && j == b[1] ? CELL_BOLD : CELL);
                a.setPaint(ink);
                XYTextAnnotation s = new XYTextAnnotation(String.format(Locale.ROOT, "± %.1f",
                        100 * g.sdAccuracy()[i][j]), j, i - 0.18);
                s.setFont(SMALL);
                s.setPaint(ink);
                plot.addAnnotation(a);
                plot.addAnnotation(s);
            }
        }
        plot.addAnnotation(new XYShapeAnnotation(new Rectangle2D.Double(b[1] - 0.47, b[0] - 0.47, 0.94, 0.94),
                new BasicStroke(3f), ORANGE));
        return chart;
    }

    /**
     * Accuracy per recording condition, one bar series per run, with the run's title; written as a PNG.
     */
    static Path robustness(Path file, String title, List<String> conditions, java.util.Map<String, double[]> series)
            throws IOException {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (java.util.Map.Entry<String, double[]> e : series.entrySet()) {
            for (int c = 0; c < conditions.size(); c++) {
                ds.addValue(100 * e.getValue()[c], e.getKey(), conditions.get(c));
            }
        }
        CategoryAxis x = new CategoryAxis("condition");
        x.setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
        NumberAxis y = new NumberAxis("accuracy, %");
        y.setRange(0, 100);
        BarRenderer br = new BarRenderer();
        br.setItemMargin(0.02);
        CategoryPlot plot = new CategoryPlot(ds, x, y, br);
        JFreeChart chart = new JFreeChart("Accuracy per recording condition", TITLE, plot, series.size() > 1);
        chart.addSubtitle(new TextTitle(title, SMALL));
        theme().apply(chart);
        br.setSeriesPaint(0, BLUE);
        br.setSeriesPaint(1, ORANGE);
        br.setSeriesPaint(2, GREEN);
        return png(file, new int[] {1200, 560}, chart);
    }

    private static Path png(Path file, int[] size, JFreeChart chart) throws IOException {
        return png(file, size, List.of(chart), true);
    }

    /** Draws the charts side by side ({@code across}) or stacked into one PNG of the given size. */
    private static Path png(Path file, int[] size, List<JFreeChart> charts, boolean across) throws IOException {
        BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(Color.WHITE);
            g.fillRect(0, 0, size[0], size[1]);
            int n = charts.size();
            for (int i = 0; i < n; i++) {
                Rectangle2D area = across
                        ? new Rectangle2D.Double(i * size[0] / (double) n, 0, size[0] / (double) n, size[1])
                        : new Rectangle2D.Double(0, i * size[1] / (double) n, size[0], size[1] / (double) n);
                charts.get(i).setBackgroundPaint(Color.WHITE);
                charts.get(i).draw(g, area);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
        return file;
    }
}
