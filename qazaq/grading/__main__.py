from qazaq.grading.cli import main

raise SystemExit(main())
