using Guichet.Web.Queues;
using Guichet.Web.Tickets;
using Microsoft.Extensions.Primitives;

namespace Guichet.Tests.Queues;

public sealed class QueueColumnsTests
{
    private static readonly string[] Fields = ["field:contract"];

    [Fact]
    public void An_address_keeps_the_known_columns_in_its_order_with_the_subject_first_when_missing()
    {
        Assert.Equal(["subject", "tags", "field:contract"], QueueColumns.Parse("tags,field:contract,field:gone,nonsense,tags", Fields));
        Assert.Equal(QueueColumns.Default, QueueColumns.Parse("nonsense", Fields));
        Assert.Null(QueueColumns.Write(QueueColumns.Default));
    }

    [Fact]
    public void A_number_typed_for_a_column_puts_it_in_that_place_before_the_one_that_was_there()
    {
        var offered = QueueColumns.BuiltIn.Concat(Fields).ToList();
        var current = QueueColumns.Default;
        var positions = current.Select((c, i) => (c, i + 1)).ToDictionary(p => p.c, p => p.Item2);
        positions["field:contract"] = 2;
        var chosen = QueueColumns.Chosen([.. current, "field:contract"], positions, offered, current);
        Assert.Equal(["subject", "field:contract", "number"], chosen.Take(3));
    }

    [Fact]
    public void A_list_address_reads_custom_field_filters_and_writes_them_back()
    {
        var query = TicketListQuery.Read(new Dictionary<string, StringValues>
        {
            ["f.modules"] = new(["billing", "hr"]), ["f.amount.min"] = "10", ["f.contract.match"] = "is", ["f.contract"] = "A-1",
            ["f.Bad-Key"] = "x", ["priority"] = new(["Urgent", "nonsense"]), ["desc"] = "false",
        });
        Assert.Equal(["billing", "hr"], query.Fields["modules"].Values);
        Assert.Equal("10", query.Fields["amount"].Min);
        Assert.True(query.Fields["contract"].Exact);
        Assert.False(query.Fields.ContainsKey("Bad-Key"));
        Assert.Equal([TicketPriority.Urgent], query.Priority);
        Assert.False(query.Desc);
        Assert.False(query.FiltersOnlyByStatus);
        var written = query.FilterValues().ToList();
        Assert.Contains(new KeyValuePair<string, string?>("f.contract.match", "is"), written);
        Assert.Contains(new KeyValuePair<string, string?>("f.amount.min", "10"), written);
    }
}
