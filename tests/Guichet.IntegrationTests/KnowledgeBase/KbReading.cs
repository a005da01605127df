using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Attachments;
using Guichet.Web.KnowledgeBase;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.KnowledgeBase;

/// <summary>Intent methods for the reader pages' tests: an article's address, its files, its votes, its slug.</summary>
internal static class KbReading
{
    public static Task<string> AddressOfAsync(this GuichetApp app, int article, string language = "en") =>
        app.WithDbAsync(async db => KbAddresses.Article(article,
            await db.KbTranslations.Where(t => t.ArticleId == article && t.Language == language).Select(t => t.Slug).SingleAsync()));

    /// <summary>A file of an article, its bytes in the blob store as an editor's upload would leave them.</summary>
    public static Task<KbFile> FileAsync(this GuichetApp app, int article, Guid editor, string name, string contentType, byte[] bytes) =>
        app.WithScopeAsync(async sp =>
        {
            var key = await sp.GetRequiredService<IBlobStore>().PutAsync(new MemoryStream(bytes), default);
            var db = sp.GetRequiredService<Guichet.Web.Data.GuichetDbContext>();
            var file = new KbFile
            {
                Id = Guid.NewGuid(), ArticleId = article, FileName = name, ContentType = contentType, Length = bytes.Length, BlobKey = key,
                CreatedAt = app.Time.GetUtcNow(), CreatedById = editor,
            };
            db.KbFiles.Add(file);
            await db.SaveChangesAsync();
            return file;
        });

    public static Task<List<KbVote>> VotesAsync(this GuichetApp app, int article) =>
        app.WithDbAsync(db => db.KbVotes.AsNoTracking().Where(v => v.ArticleId == article).OrderBy(v => v.Id).ToListAsync());

    public static Task<long> ViewsAsync(this GuichetApp app, int article) =>
        app.WithDbAsync(db => db.KbArticles.Where(a => a.Id == article).Select(a => a.Views).SingleAsync());

    public static async Task<HttpStatusCode> StatusOfAsync(this HttpClient client, string url) => (await client.GetAsync(url)).StatusCode;

    public static PageClient InLanguage(this PageClient client, string language)
    {
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }
}
