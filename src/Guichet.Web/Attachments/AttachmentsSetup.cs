using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Attachments;

public static class AttachmentsSetup
{
    public static WebApplicationBuilder AddGuichetAttachments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section)
            .Validate(o => o.MaxFileBytes > 0 && o.MaxFilesPerMessage > 0 && o.MaxTotalBytesPerMessage >= o.MaxFileBytes,
                "Guichet:Attachments: MaxFileBytes and MaxFilesPerMessage must be positive, MaxTotalBytesPerMessage at least MaxFileBytes.")
            .Validate(o => o.UnusedBlobGrace >= TimeSpan.FromMinutes(10) && o.BlobSweepInterval > TimeSpan.Zero,
                "Guichet:Attachments: UnusedBlobGrace must be at least 10 minutes (an upload in progress needs it) and BlobSweepInterval positive.")
            .Validate(o => o.MaxOversizeRequestBytes >= o.MaxRequestBytes,
                "Guichet:Attachments: MaxOversizeRequestBytes must be at least MaxTotalBytesPerMessage + 1 MB.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IBlobStore, DiskBlobStore>();
        builder.Services.AddSingleton<FileTypes>();
        builder.Services.AddScoped<AttachmentUploads>();
        builder.Services.AddScoped<AttachmentDownloads>();
        builder.Services.AddSingleton<BlobSweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BlobSweep>());

        // A message with all its files must get through: the server's body limit (30 MB by default)
        // and the form reader's follow the configured total. Files beyond the per-file and per-message
        // limits within that get a clear error next to the file field; beyond it OversizeForms answers
        // forms in words too, up to MaxOversizeRequestBytes.
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<AttachmentOptions>>((form, attachments) =>
            form.MultipartBodyLengthLimit = attachments.Value.MaxRequestBytes);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = (context.Configuration.GetSection(AttachmentOptions.Section).Get<AttachmentOptions>() ?? new()).MaxRequestBytes);
        return builder;
    }

    /// <summary>Before anything reads a form: a form over the request limit keeps its fields (see <see cref="OversizeForms"/>).</summary>
    public static WebApplication UseGuichetAttachments(this WebApplication app)
    {
        app.UseMiddleware<OversizeForms>();
        return app;
    }
}
