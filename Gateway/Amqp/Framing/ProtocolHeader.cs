using System.Buffers;

namespace Gateway.Amqp.Framing;

/// <summary>
/// The protocol header that opens each layer of an AMQP connection (Part 2 §2.2, Part 5 §5.3.1).
/// <code>
/// +-----+-----+-----+-----+------------+-------+-------+----------+
/// | 'A' | 'M' | 'Q' | 'P' | protocol-id| major | minor | revision |   "AMQP" 0 1 0 0 / "AMQP" 3 1 0 0
/// +-----+-----+-----+-----+------------+-------+-------+----------+
/// </code>
/// </summary>
/// <remarks>
/// §2.2: "If the requested protocol version is supported, the server MUST send its own protocol header with the
/// requested version to the socket, and then proceed according to the protocol definition. If the requested protocol
/// version is not supported, the server MUST send a protocol header with a supported protocol version and then close
/// the socket." <see cref="Negotiate"/> makes that choice.
/// </remarks>
public readonly struct ProtocolHeader : IEquatable<ProtocolHeader>
{
    public const int Length = 8;

    /// <summary>"AMQP" 0 1 0 0.</summary>
    public static readonly ProtocolHeader Amqp = new(ProtocolId.Amqp, 1, 0, 0);

    /// <summary>"AMQP" 3 1 0 0.</summary>
    public static readonly ProtocolHeader Sasl = new(ProtocolId.Sasl, 1, 0, 0);

    private static ReadOnlySpan<byte> Magic => "AMQP"u8;

    public ProtocolHeader(ProtocolId id, byte major, byte minor, byte revision)
    {
        Id = id;
        Major = major;
        Minor = minor;
        Revision = revision;
        IsAmqp = true;
    }

    /// <summary>False when the bytes did not begin with "AMQP": not an AMQP client at all.</summary>
    public bool IsAmqp { get; }

    public ProtocolId Id { get; }

    public byte Major { get; }

    public byte Minor { get; }

    public byte Revision { get; }

    /// <summary>AMQP 1.0.0 with protocol id 0 (AMQP) or 3 (SASL): the headers this broker speaks.</summary>
    public bool IsSupported => IsAmqp && Major == 1 && Minor == 0 && Revision == 0 && Id is ProtocolId.Amqp or ProtocolId.Sasl;

    public static bool operator ==(ProtocolHeader left, ProtocolHeader right) => left.Equals(right);

    public static bool operator !=(ProtocolHeader left, ProtocolHeader right) => !left.Equals(right);

    /// <summary>
    /// Reads a protocol header. False = fewer than 8 bytes, all consistent with "AMQP" so far (buffer unchanged).
    /// True = a header was read and consumed, supported or not; or the bytes present already differ from "AMQP",
    /// in which case <see cref="IsAmqp"/> is false and what was examined (up to 8 bytes) is consumed - no need to wait
    /// for 8 bytes of garbage before answering.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ProtocolHeader header)
    {
        Span<byte> bytes = stackalloc byte[Length];
        var available = (int)Math.Min(buffer.Length, Length);
        buffer.Slice(0, available).CopyTo(bytes);
        var prefix = Math.Min(available, Magic.Length);
        if (!bytes[..prefix].SequenceEqual(Magic[..prefix]))
        {
            header = default;
            buffer = buffer.Slice(available);
            return true;
        }
        if (available < Length)
        {
            header = default;
            return false;
        }
        header = new ProtocolHeader((ProtocolId)bytes[4], bytes[5], bytes[6], bytes[7]);
        buffer = buffer.Slice(Length);
        return true;
    }

    /// <summary>
    /// The server's answer to <paramref name="requested"/> (§2.2): true with the same header when it is supported
    /// and allowed, so the connection proceeds; false with the header the server does speak, which it sends before
    /// closing. A SASL-less "AMQP" 0 1 0 0 is allowed only with <paramref name="allowWithoutSasl"/>.
    /// </summary>
    public static bool Negotiate(ProtocolHeader requested, bool allowWithoutSasl, out ProtocolHeader response)
    {
        if (requested.IsSupported && (requested.Id == ProtocolId.Sasl || allowWithoutSasl))
        {
            response = requested;
            return true;
        }
        response = allowWithoutSasl && requested.IsAmqp && requested.Id == ProtocolId.Amqp ? Amqp : Sasl;
        return false;
    }

    /// <summary>Writes the 8 bytes.</summary>
    public void Write(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(Length);
        Write(span);
        output.Advance(Length);
    }

    /// <summary>Writes the 8 bytes into <paramref name="destination"/>, which must hold at least 8.</summary>
    public void Write(Span<byte> destination)
    {
        Magic.CopyTo(destination);
        destination[4] = (byte)Id;
        destination[5] = Major;
        destination[6] = Minor;
        destination[7] = Revision;
    }

    public bool Equals(ProtocolHeader other) =>
        IsAmqp == other.IsAmqp && Id == other.Id && Major == other.Major && Minor == other.Minor && Revision == other.Revision;

    public override bool Equals(object? obj) => obj is ProtocolHeader other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(IsAmqp, Id, Major, Minor, Revision);

    public override string ToString() => IsAmqp ? $"AMQP {(byte)Id} {Major}.{Minor}.{Revision}" : "(not AMQP)";
}
