// MSBuild inline task (compiled by RoslynCodeTaskFactory, not part of the library): marks one
// GLIBCXX version requirement of libLibTorchSharp.so as weak when the system libstdc++ lacks it.
using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class WeakenGlibcxxRequirement : Task
{
    [Required] public string Folder { get; set; }
    [Required] public string VersionName { get; set; }

    const ushort VerFlagWeak = 0x2;
    const uint ShtGnuVerneed = 0x6ffffffe;

    public override bool Execute()
    {
        if (!Directory.Exists(Folder)) return true;
        var targets = Directory.GetFiles(Folder, "libLibTorchSharp.so", SearchOption.AllDirectories);
        if (targets.Length == 0) return true;
        var libstdcxx = FindSystemLibStdCxx();
        if (libstdcxx == null)
        {
            Log.LogMessage(MessageImportance.Low, "libstdc++.so.6 not found; leaving libLibTorchSharp.so as shipped.");
            return true;
        }
        if (Contains(File.ReadAllBytes(libstdcxx), Encoding.ASCII.GetBytes(VersionName + "\0")))
        {
            Log.LogMessage(MessageImportance.Low, libstdcxx + " provides " + VersionName + "; nothing to do.");
            return true;
        }
        foreach (var path in targets)
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                var changed = MarkWeak(bytes, VersionName);
                if (changed)
                {
                    // Replace by rename (a running process may have the old file mapped, which
                    // forbids writing into it) and keep the copy's timestamp: same size and time
                    // let MSBuild's incremental copy skip the file next build instead of
                    // overwriting it with the unpatched original again.
                    var stamp = File.GetLastWriteTimeUtc(path);
                    var tmp = path + ".weaken.tmp";
                    File.WriteAllBytes(tmp, bytes);
                    File.Replace(tmp, path, null);
                    File.SetLastWriteTimeUtc(path, stamp);
                    Log.LogMessage(MessageImportance.High, "Marked " + VersionName + " weak in " + path + " (system libstdc++ lacks it).");
                }
            }
            catch (Exception e) when (e is InvalidDataException || e is IOException)
            {
                Log.LogError("Cannot patch " + path + ": " + e.Message);
                return false;
            }
        }
        return true;
    }

    static string FindSystemLibStdCxx()
    {
        foreach (var p in new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6" })
            if (File.Exists(p)) return p;
        try
        {
            var psi = new ProcessStartInfo("ldconfig", "-p") { RedirectStandardOutput = true, UseShellExecute = false };
            using var proc = Process.Start(psi);
            if (proc == null) return null;
            var output = proc.StandardOutput.ReadToEnd();
            proc.WaitForExit();
            foreach (var line in output.Split('\n'))
            {
                var arrow = line.IndexOf("=>", StringComparison.Ordinal);
                if (line.TrimStart().StartsWith("libstdc++.so.6", StringComparison.Ordinal) && arrow > 0)
                {
                    var p = line.Substring(arrow + 2).Trim();
                    if (File.Exists(p)) return p;
                }
            }
        }
        catch (Exception) { }
        return null;
    }

    static bool Contains(byte[] hay, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= hay.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && hay[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    // Walks the ELF64 little-endian section headers to .gnu.version_r, then its Verneed/Vernaux
    // chains; names come from the string table the section links to. Returns whether it changed.
    static bool MarkWeak(byte[] b, string name)
    {
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (b[4] != 2 || b[5] != 1) throw new InvalidDataException("not a little-endian ELF64 file");
        ulong shoff = U64(b, 0x28);
        int shentsize = U16(b, 0x3A), shnum = U16(b, 0x3C);
        bool changed = false;
        for (int s = 0; s < shnum; s++)
        {
            int sh = checked((int)shoff + s * shentsize);
            if (U32(b, sh + 4) != ShtGnuVerneed) continue;
            int off = checked((int)U64(b, sh + 0x18));
            int link = (int)U32(b, sh + 0x28);
            int count = (int)U32(b, sh + 0x2C);
            int strSh = checked((int)shoff + link * shentsize);
            int strOff = checked((int)U64(b, strSh + 0x18));
            int vn = off;
            for (int i = 0; i < count; i++)
            {
                int cnt = U16(b, vn + 2);
                int va = vn + (int)U32(b, vn + 8);
                for (int k = 0; k < cnt; k++)
                {
                    if (CString(b, strOff + (int)U32(b, va + 8)) == name)
                    {
                        ushort flags = U16(b, va + 4);
                        if ((flags & VerFlagWeak) == 0)
                        {
                            flags |= VerFlagWeak;
                            b[va + 4] = (byte)(flags & 0xff);
                            b[va + 5] = (byte)(flags >> 8);
                            changed = true;
                        }
                    }
                    int next = (int)U32(b, va + 12);
                    if (next == 0) break;
                    va += next;
                }
                int nextVn = (int)U32(b, vn + 12);
                if (nextVn == 0) break;
                vn += nextVn;
            }
        }
        return changed;
    }

    static ushort U16(byte[] b, int o) { Check(b, o, 2); return (ushort)(b[o] | b[o + 1] << 8); }
    static uint U32(byte[] b, int o) { Check(b, o, 4); return BitConverter.ToUInt32(b, o); }
    static ulong U64(byte[] b, int o) { Check(b, o, 8); return BitConverter.ToUInt64(b, o); }
    static void Check(byte[] b, int o, int n) { if (o < 0 || o + n > b.Length) throw new InvalidDataException("truncated ELF file"); }
    static string CString(byte[] b, int o)
    {
        int e = o;
        while (e < b.Length && b[e] != 0) e++;
        return Encoding.ASCII.GetString(b, o, e - o);
    }
}
