using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;

namespace Guichet.IntegrationTests.Attachments;

/// <summary>Images of a message shown in its text: <c>![name](attachment:name)</c>, as the paste script writes it.</summary>
public sealed class InlineImageTests
{
    private const string Description = "It looks like this:\n\n![shot.png](attachment:shot.png)\n\nAnd the tracker: ![pixel](https://tracker.example/p.gif)";

    private static async Task<HttpResponseMessage> SendAsync(PageClient client, string subject, string description, params UploadFile[] files)
    {
        var form = await client.GetAsync("/requests/new");
        return await client.SubmitMultipartAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Subject"] = subject,
            ["Input.Description"] = description,
        }, files);
    }

    [Theory, Databases]
    public async Task An_image_in_the_description_shows_to_those_who_may_see_the_request_and_is_a_404_for_others(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        using var alice = await app.SignInAsync("alice@acme.test");
        using var manager = await app.SignInAsync("manager@acme.test");
        using var bob = await app.SignInAsync("bob@globex.test");

        var page = await alice.FollowAsync(await SendAsync(alice, "Chart is empty", Description, Files.File("shot.png", Files.Png, "image/png")));

        var image = page.QuerySelector(".message__body img");
        Assert.NotNull(image);
        var src = image.GetAttribute("src")!;
        Assert.Equal(page.DownloadLinks()["shot.png"].Replace("?download=true", ""), src);
        Assert.Equal("shot.png", image.GetAttribute("alt"));
        // An image of another site is never loaded: it is a link.
        Assert.Single(page.QuerySelectorAll(".message__body img"));
        Assert.Equal("https://tracker.example/p.gif", page.QuerySelector(".message__body a[href*='tracker']")?.GetAttribute("href"));

        var managerPage = await manager.GetAsync(page.Url.Replace(GuichetApp.BaseUrl, ""));
        Assert.Equal(src, managerPage.QuerySelector(".message__body img")?.GetAttribute("src"));
        var shown = await manager.Http.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("image/png", shown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", shown.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Files.Png, await shown.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync(src)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync(page.Url.Replace(GuichetApp.BaseUrl, ""))).StatusCode);
    }

    [Theory, Databases]
    public async Task The_image_still_shows_after_the_form_came_back_with_an_error(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("lea@example.org");
        using var lea = await app.SignInAsync("lea@example.org");

        var again = await PageClient.ParseAsync(await SendAsync(lea, "", Description, Files.File("shot.png", Files.Png, "image/png")));
        Assert.Equal("Enter a subject.", again.FieldError("Input.Subject"));
        Assert.Equal(Description.ReplaceLineEndings(), again.QuerySelector("textarea[name='Input.Description']")?.TextContent.ReplaceLineEndings().TrimStart());

        var page = await lea.FollowAsync(await lea.SubmitMultipartAsync(again, "main form", new Dictionary<string, string> { ["Input.Subject"] = "Second try" }));
        Assert.Equal(page.DownloadLinks()["shot.png"].Replace("?download=true", ""), page.QuerySelector(".message__body img")?.GetAttribute("src"));
    }

    [Theory, Databases]
    public async Task A_reply_with_an_image_shows_it_and_its_mail_names_it_instead_of_a_broken_picture(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        using var alice = await app.SignInAsync("alice@acme.test");
        using var agent = await app.SignInAsync("agent@support.test");
        await alice.FollowAsync(await SendAsync(alice, "Login fails", "Since this morning."));

        var ticket = await agent.GetAsync("/agent/tickets/1001");
        var replied = await agent.FollowAsync(await agent.SubmitMultipartAsync(ticket, "form[action*='handler=Reply']", new Dictionary<string, string>
        {
            ["Reply.Body"] = "Click here:\n\n![the button](attachment:button.png)",
        }, [Files.File("button.png", Files.Png, "image/png")]));
        Assert.NotNull(replied.QuerySelector(".message__body img[alt='the button']"));

        var customerPage = await alice.GetAsync("/requests/1001");
        var src = customerPage.QuerySelectorAll(".message__body img").Single().GetAttribute("src")!;
        Assert.Equal(HttpStatusCode.OK, (await alice.Http.GetAsync(src)).StatusCode);

        var mail = await app.WaitForMailAsync("alice@acme.test", "New reply");
        Assert.Contains("[the button]", mail.TextBody);
        Assert.DoesNotContain("<img", mail.HtmlBody ?? "");
        Assert.Contains("[the button]", mail.HtmlBody ?? "");
    }

    [Theory, Databases]
    public async Task Through_the_API_a_reference_in_a_reply_shows_the_file_sent_with_it(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var type = await app.FirstTypeIdAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var number = await alice.OpenTicketAsync(type, "Error dialog");

        using var form = new MultipartFormDataContent { { JsonContent.Create(new { body = "The dialog: ![dialog](attachment:dialog.png)" }), "message" } };
        var file = new ByteArrayContent(Files.Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "files", "dialog.png");
        var created = await alice.PostAsync($"/api/v1/tickets/{number}/messages", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var message = await created.JsonAsync();
        var id = message.GetProperty("attachments")[0].GetProperty("id").GetString();
        Assert.Contains($"<img src=\"/attachments/{id}/dialog.png\" alt=\"dialog\"", message.GetProperty("bodyHtml").GetString());
        Assert.Equal("The dialog: [dialog]", message.GetProperty("bodyText").GetString());
    }
}
