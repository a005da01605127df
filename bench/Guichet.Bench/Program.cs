using Guichet.Bench;

// Verbs: generate (a data set at scale, through the app's own migrations and index rebuild)
// and run (a load scenario against a running app, Guichet or the bare baseline bench/Guichet.Bare,
// over loopback HTTP), kb (a knowledge base searched in-process and over HTTP). See docs/benchmarks.md.
if (args.Length == 0 || args[0] is not ("generate" or "run" or "live" or "sql" or "mail" or "kb"))
{
    await Console.Error.WriteLineAsync("""
        Usage:
          generate --provider sqlite|postgres [--connection CS] --data-dir DIR
                   [--orgs 1000] [--customers 20000] [--tickets 1000000] [--messages-per-ticket 3]
                   [--big-org-tickets 10000] [--seed 1] [--app PATH/Guichet.Web.dll]
          run --url http://127.0.0.1:PORT --scenario healthz|list|search|view|page|create|api-create [--path P] [--anonymous]
              [--target guichet|bare] [--concurrency 16] [--duration 30s] [--warmup 5s] [--word imprimante] [--server-pid PID]
          live --url http://127.0.0.1:PORT [--streams 200] [--changes 50] [--warmup-changes 5] [--interval 300ms] [--email agent@bench.test]
          mail --url http://127.0.0.1:PORT --token TOKEN [--messages 10000] [--concurrency 4] [--reply-percent 40] [--file-percent 30] [--server-pid PID]
          kb --provider sqlite|postgres [--connection CS] --data-dir DIR [--articles 10000] [--repeat 100] [--http-warmup 30] [--seed 1] [--app PATH/Guichet.Web.dll]
              (into a data set made by generate; a small one is enough)
          sql --provider sqlite|postgres --connection CS --query SQL [--param name=value] [--repeat N]
        """);
    return 2;
}

var options = Arguments.Parse(args.AsSpan(1));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

return args[0] switch
{
    "generate" => await Generator.RunAsync(options, stop.Token),
    "run" => await LoadRun.RunAsync(options, stop.Token),
    "live" => await LiveRun.RunAsync(options, stop.Token),
    "mail" => await MailRun.RunAsync(options, stop.Token),
    "kb" => await KbRun.RunAsync(options, stop.Token),
    _ => await Sql.RunAsync(options, stop.Token),
};
