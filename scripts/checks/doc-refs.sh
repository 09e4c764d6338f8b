#!/usr/bin/env bash
# Every document section the repository cites exists: a reference `docs/NAME.md §N` (or `§N.M`,
# and lists such as `§3, §5`) needs the file and a heading `## N.` (`### N.M`) in it, and a cited
# `docs/…` or `metrics/README.md` file must exist. Documents that are not in the repository may
# not be cited at all: no `SPEC`, `SPEC n`, `STYLE n`. Reads tracked files only; builds nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."

git ls-files -z -- . ':!scripts/checks/doc-refs.sh' | xargs -0 perl -e '
    my %headings;
    sub sections {
        my ($file) = @_;
        return $headings{$file} if $headings{$file};
        my %found;
        if (open(my $fh, "<", $file)) {
            while (<$fh>) { $found{$1} = 1 if /^#{2,4} ([0-9]+(?:\.[0-9]+)*)\.? /; }
        }
        return $headings{$file} = \%found;
    }
    my $problems = 0;
    for my $file (@ARGV) {
        next if -B $file;
        open(my $fh, "<", $file) or next;
        while (my $line = <$fh>) {
            my $where = "$file:$.";
            if ($line =~ /\b(SPEC|STYLE)( ?[0-9]+|\.md\b|\b)/) {
                print "$where: cites a document that is not in the repository: $&\n";
                $problems++;
            }
            while ($line =~ m{\b((?:docs/[A-Za-z0-9_-]+|metrics/README)\.(?:md|yaml))((?: §[0-9]+(?:\.[0-9]+)*(?:,| and)?)*)}g) {
                my ($doc, $refs) = ($1, $2);
                unless (-f $doc) {
                    print "$where: $doc does not exist\n";
                    $problems++;
                    next;
                }
                my $known = sections($doc);
                while ($refs =~ /§([0-9]+(?:\.[0-9]+)*)/g) {
                    next if $known->{$1};
                    print "$where: $doc has no section $1\n";
                    $problems++;
                }
            }
        }
    }
    if ($problems) { print STDERR "doc-refs check: FAIL: $problems dangling document references\n"; exit 1; }
    print "doc-refs: every cited document section exists\n";
'
