using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Chinese and Japanese put no space between words: with one word per Han or kana char, a lightly edited copy of a
/// Chinese report joins it and another report on the same day stays apart (before, each ran to the next punctuation
/// mark as one "word", and the copy shared no shingle). The texts are written for this test.
/// </summary>
public sealed class UnsegmentedScriptTests
{
    private const string Report =
        "北京时间12月1日，国家统计局发布数据显示，11月份制造业采购经理指数为50.3%，比上月上升0.5个百分点，重回扩张区间。"
        + "统计局服务业调查中心高级统计师表示，本月制造业景气水平有所回升，市场需求有所改善，企业生产活动加快。";

    private const string EditedCopy =
        "国家统计局12月1日发布数据显示，11月份制造业采购经理指数为50.3%，比上月上升0.5个百分点，重回扩张区间。"
        + "统计局服务业调查中心高级统计师表示，本月制造业景气水平有所回升，企业生产活动加快。新浪财经";

    private const string OtherReport =
        "据新华社报道，12月1日，中国人民银行宣布下调金融机构存款准备金率0.25个百分点，此次降准共计释放长期资金约5000亿元。"
        + "央行有关负责人表示，此举旨在保持流动性合理充裕，市场需求有所改善。";

    [Fact]
    public void Cluster_EditedChineseReport_JoinsIt_AnotherReportStaysApart()
    {
        using var detector = new DuplicateDetector();
        detector.Add("report", Report);
        detector.Add("copy", EditedCopy);
        detector.Add("other", OtherReport);
        var result = detector.Cluster();
        var cluster = Assert.Single(result.Clusters, c => c.Members.Count > 1);
        Assert.Equal(["copy", "report"], cluster.Members.Select(m => m.Id).Order());
        Assert.Equal(2, result.Clusters.Count);
    }
}
