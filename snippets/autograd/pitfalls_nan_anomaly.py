import warnings

import torch

torch.manual_seed(0)

x = torch.tensor([-1.0, 0.0, 4.0], requires_grad=True)
with warnings.catch_warnings(record=True) as caught:  # (1)!
    warnings.simplefilter("always")
    try:
        with torch.autograd.detect_anomaly(check_nan=True):
            y = torch.where(x > 0, x.sqrt(), 0.0)
            y.sum().backward()
    except RuntimeError as err:
        print("RuntimeError:", err)  # (2)!

report = next(str(w.message) for w in caught if "Error detected" in str(w.message))
print(report.splitlines()[0])
code = [line.strip() for line in report.splitlines() if line.startswith("    ")]  # (3)!
print("forward line:", code[-1])
