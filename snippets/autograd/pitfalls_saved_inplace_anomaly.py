import warnings

import torch

torch.manual_seed(0)

x = torch.tensor([0.0, 1.0], requires_grad=True)
with warnings.catch_warnings(record=True) as caught:  # (1)!
    warnings.simplefilter("always")
    try:
        with torch.autograd.detect_anomaly(check_nan=False):
            y = x.exp()
            y += 1  # (2)!
            y.sum().backward()
    except RuntimeError as err:
        print("RuntimeError:", str(err).split(":")[0])

report = next(str(w.message) for w in caught if "Error detected" in str(w.message))
print(report.splitlines()[0])
code = [line.strip() for line in report.splitlines() if line.startswith("    ")]
print("forward line:", code[-1])  # (3)!
