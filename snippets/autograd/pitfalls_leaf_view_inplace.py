import torch

torch.manual_seed(0)

w = torch.zeros(3, requires_grad=True)
try:
    w[0] = 1.0  # (1)!
except RuntimeError as err:
    print("RuntimeError:", err)

with torch.no_grad():
    w[0] = 1.0  # (2)!
print("inside no_grad:", w, " is_leaf:", w.is_leaf)
